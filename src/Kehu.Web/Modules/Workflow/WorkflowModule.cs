using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workflow.Api;
using Kehu.Web.Modules.Workflow.Outbox;

namespace Kehu.Web.Modules.Workflow;

public static class WorkflowModule
{
    public static WebApplicationBuilder AddWorkflowModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<WorkflowEngine>();
        s.AddScoped<WorkflowDirectory>();
        s.AddScoped<TaskQueries>();
        s.AddScoped<PendingTasks>();
        s.AddScoped<DocumentStatusQuery>();
        s.AddScoped<MailOutbox>();
        s.Configure<SmtpSettings>(builder.Configuration.GetSection("Kehu:Smtp"));
        s.AddSingleton<OutboxSender>();
        s.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return builder;
    }

    public static WebApplication MapWorkflowModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapTasksApi();
        return app;
    }
}

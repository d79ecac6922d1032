using Kehu.Web.Modules.Expenses.Api;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Workbench;
using Kehu.Web.Modules.Workflow;

namespace Kehu.Web.Modules.Expenses;

/// <summary>费用管理: 费用报销单 and 费用借支单 on the workflow engine (applicant → 上级 → 财务部经理 pays),
/// offsets of claims against open advances, repayments, and the 未结清借支 reminder.</summary>
public static class ExpensesModule
{
    public static WebApplicationBuilder AddExpensesModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<ExpenseClaimWorkflow>();
        s.AddScoped<IWorkflowDocument>(sp => sp.GetRequiredService<ExpenseClaimWorkflow>());
        s.AddScoped<ExpenseAdvanceWorkflow>();
        s.AddScoped<IWorkflowDocument>(sp => sp.GetRequiredService<ExpenseAdvanceWorkflow>());
        s.AddScoped<ExpenseAccess>();
        s.AddScoped<ExpenseLookups>();
        s.AddScoped<AdvanceOffsets>();
        s.AddScoped<SaveExpenseClaim>();
        s.AddScoped<SaveExpenseAdvance>();
        s.AddScoped<RecordRepayment>();
        s.AddScoped<ListExpenses>();
        s.AddScoped<ExportExpenses>();
        s.AddScoped<ExpenseDtos>();
        s.AddScoped<IWorkbenchReminders, OpenAdvancesReminder>();
        s.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Expenses/Pages/Claims/Edit", "expenses/claims/new");
            o.Conventions.AddPageRoute("/Expenses/Pages/Advances/Edit", "expenses/advances/new");
        });
        return builder;
    }

    public static WebApplication MapExpensesModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapExpensesApi();
        return app;
    }
}

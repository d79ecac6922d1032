using Kehu.Web.Modules.Workbench.Pages;

namespace Kehu.Web.Modules.Workbench;

/// <summary>我的工作台: the home page. Each module contributes its reminders here.</summary>
public static class WorkbenchModule
{
    public static WebApplicationBuilder AddWorkbenchModule(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FollowUpsDue>();
        return builder;
    }
}

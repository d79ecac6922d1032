namespace Kehu.Web.Modules.Imports.Pages;

/// <summary>How the pages name an import's state (resource keys).</summary>
public static class ImportLabels
{
    public static string State(ImportState state) => state switch
    {
        ImportState.Previewed => "已上传",
        ImportState.Queued => "排队",
        ImportState.Running => "导入中",
        ImportState.Completed => "已完成",
        ImportState.Failed => "失败",
        ImportState.Undone => "已撤销",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string StateBadge(ImportState state) => state switch
    {
        ImportState.Completed => "text-bg-success",
        ImportState.Failed => "text-bg-danger",
        ImportState.Queued or ImportState.Running => "text-bg-primary",
        _ => "text-bg-secondary",
    };
}

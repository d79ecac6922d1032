namespace Kehu.Web.Platform.Options;

/// <summary>
/// Answers whether any record still refers to an option item, so the administrator cannot
/// delete one that is in use (option ids carry no foreign key). Every module that stores
/// option ids registers one implementation.
/// </summary>
public interface IOptionUsage
{
    Task<bool> IsUsedAsync(string listCode, long optionId, CancellationToken ct);
}

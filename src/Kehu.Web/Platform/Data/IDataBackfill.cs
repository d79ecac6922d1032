namespace Kehu.Web.Platform.Data;

/// <summary>
/// Data that a migration's new columns or tables need and that SQL alone cannot compute the way the
/// app does (normalised text, search grams). Modules register one per such migration; each runs at
/// start-up right after the migrations, must be idempotent, and finds quickly that it has nothing
/// left to do.
/// </summary>
public interface IDataBackfill
{
    string Name { get; }

    /// <summary>Fills what is missing; returns how many records it filled. Reports the running count
    /// to <paramref name="progress"/> after each batch, so a long back-fill shows it is moving.</summary>
    Task<int> RunAsync(KehuDbContext db, IProgress<int> progress, CancellationToken ct);
}

using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Service;

/// <summary>The option items complaints refer to.</summary>
public sealed class ServiceOptionUsage(KehuDbContext db) : IOptionUsage
{
    public Task<bool> IsUsedAsync(string listCode, long optionId, CancellationToken ct) => listCode switch
    {
        OptionLists.ComplaintType => db.Complaints.AnyAsync(c => c.TypeId == optionId, ct),
        OptionLists.ComplaintChannel => db.Complaints.AnyAsync(c => c.ChannelId == optionId, ct),
        OptionLists.ComplaintUrgency => db.Complaints.AnyAsync(c => c.UrgencyId == optionId, ct),
        _ => Task.FromResult(false),
    };
}

using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Customers;

/// <summary>The option items companies and contact records refer to.</summary>
public sealed class CustomerOptionUsage(KehuDbContext db) : IOptionUsage
{
    public Task<bool> IsUsedAsync(string listCode, long optionId, CancellationToken ct) => listCode switch
    {
        OptionLists.CustomerLevel => db.Companies.AnyAsync(c => c.LevelId == optionId, ct),
        OptionLists.CustomerSource => db.Companies.AnyAsync(c => c.SourceId == optionId, ct),
        OptionLists.Industry => db.Companies.AnyAsync(c => c.IndustryId == optionId, ct),
        OptionLists.Region => db.Companies.AnyAsync(c => c.RegionId == optionId, ct),
        OptionLists.CustomerStatus => db.Companies.AnyAsync(c => c.StatusId == optionId, ct),
        OptionLists.ContactMethod => db.ContactRecords.AnyAsync(r => r.MethodId == optionId, ct),
        _ => Task.FromResult(false),
    };
}

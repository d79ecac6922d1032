using Kehu.Web.Modules.Administration.Pages.Numbering;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Api;

public sealed record NumberingPatternDto(string DocumentType, string Label, string Pattern, string NextNumber, int Version);

/// <summary>The numbering patterns (编号规则).</summary>
public static class NumberingApi
{
    public static void MapNumberingApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/numbering").WithTags("numbering");

        g.MapGet("/", async (SavePattern patterns, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            new ItemsResponse<NumberingPatternDto>((await patterns.ListAsync(ct)).Select(r => ToDto(r, l)).ToList(), null))
            .AdminOnly().WithSummary("Every kind of number with its pattern and the next number (administrators)");

        g.MapPut("/{documentType}", async (string documentType, PatternInput input, SavePattern patterns, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var result = await patterns.UpdateAsync(documentType, input, ct);
            return result.IsSuccess ? Results.Ok(ToDto(result.Value, l)) : result.Error!.ToProblem();
        }).AdminOnly().WithSummary("Change a pattern, e.g. PO-{date:yyyyMMdd}-{seq:4} (administrators); send the version you read");
    }

    private static NumberingPatternDto ToDto(PatternRow r, IStringLocalizer l) =>
        new(r.DocumentType, l[r.Label], r.Pattern, r.NextNumber, r.Version);
}

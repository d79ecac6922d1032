using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Kehu.Web.Platform.Web;

/// <summary>The server's request and form limits, raised (never lowered) so that a file a little over
/// a module's configured maximum still reaches that module's size check and its message.</summary>
public static class UploadLimits
{
    public static IServiceCollection RaiseUploadLimit(this IServiceCollection services, long limit)
    {
        services.Configure<KestrelServerOptions>(o =>
        {
            if (o.Limits.MaxRequestBodySize is { } max && max < limit) o.Limits.MaxRequestBodySize = limit;
        });
        services.Configure<FormOptions>(o =>
        {
            if (o.MultipartBodyLengthLimit < limit) o.MultipartBodyLengthLimit = limit;
        });
        return services;
    }
}

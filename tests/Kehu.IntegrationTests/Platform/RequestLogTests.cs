using System.Collections.Concurrent;
using System.Net;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Kehu.IntegrationTests.Platform;

/// <summary>
/// Every request is logged as one structured event: method, path, status, time taken and user, as
/// properties a log collector can query, not only as text.
/// </summary>
public sealed class RequestLogTests(RequestLogTests.LoggingApp app) : IClassFixture<RequestLogTests.LoggingApp>
{
    public sealed class LoggingApp : SqliteApp
    {
        public EventCollector Events { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
            [new("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Information")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Events));
        }
    }

    public sealed class EventCollector : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> events = new();

        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

        public IReadOnlyList<LogEvent> Requests(string path) =>
            events.Where(e => e.Properties.TryGetValue("RequestPath", out var p) && Equals((p as ScalarValue)?.Value, path)).ToList();
    }

    [Fact]
    public async Task ApiRequest_IsLoggedAsOneEvent_WithMethodPathStatusElapsedAndUser()
    {
        var xiaolin = await app.UserIdAsync("xiaolin");
        using var client = await app.ApiAsAsync("xiaolin");
        var path = "/api/v1/companies/" + long.MaxValue;

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var logged = await RequestEventAsync(path);
        logged.Level.ShouldBe(LogEventLevel.Information);
        Scalar(logged, "RequestMethod").ShouldBe("GET");
        Scalar(logged, "StatusCode").ShouldBe(404);
        Scalar(logged, "UserId").ShouldBe(xiaolin);
        Convert.ToDouble(Scalar(logged, "Elapsed"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task AnonymousRequest_IsLoggedWithItsRefusalAndNoUser()
    {
        using var client = app.Anonymous();
        var path = "/api/v1/companies/" + (long.MaxValue - 1);

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var logged = await RequestEventAsync(path);
        Scalar(logged, "StatusCode").ShouldBe(401);
        Scalar(logged, "UserId").ShouldBeNull();
    }

    private static object? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) ? ((ScalarValue)value).Value : throw new ShouldAssertException($"No property {name}");

    /// <summary>The request's event; it is written once the response has gone, so it may come a moment later.</summary>
    private async Task<LogEvent> RequestEventAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (app.Events.Requests(path).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        return app.Events.Requests(path).ShouldHaveSingleItem();
    }
}

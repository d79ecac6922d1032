using System.Text;
using Kehu.Web.Platform.Logging;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace Kehu.UnitTests.Platform.Logging;

public sealed class BufferedConsoleSinkTests
{
    private static readonly MessageTemplateTextFormatter Format = new("{Message:lj}{NewLine}", System.Globalization.CultureInfo.InvariantCulture);

    private static LogEvent Event(string path) => new(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
        new MessageTemplateParser().Parse("HTTP GET {Path} responded 200"), [new LogEventProperty("Path", new ScalarValue(path))]);

    private static string Text(MemoryStream output) => Encoding.UTF8.GetString(output.ToArray());

    [Fact]
    public void Events_AreHeldUntilAFlush_ThenWrittenInOrder_AndDisposeWritesTheRest()
    {
        var output = new MemoryStream();
        var sink = new BufferedConsoleSink(Format, output, TimeSpan.FromHours(1));

        sink.Emit(Event("/a"));
        sink.Emit(Event("/b"));
        output.Length.ShouldBe(0, "nothing is written per event");
        sink.Flush();
        sink.Emit(Event("/c"));
        Text(output).ShouldBe("HTTP GET /a responded 200" + Environment.NewLine + "HTTP GET /b responded 200" + Environment.NewLine);
        sink.Dispose();

        Text(output).ShouldEndWith("HTTP GET /c responded 200" + Environment.NewLine);
    }

    [Fact]
    public async Task Events_AreWrittenWithinTheFlushInterval_WithoutADispose()
    {
        var output = new MemoryStream();
        using var sink = new BufferedConsoleSink(Format, output, TimeSpan.FromMilliseconds(50));

        sink.Emit(Event("/x"));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (output.Length == 0 && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Text(output).ShouldBe("HTTP GET /x responded 200" + Environment.NewLine);
    }

    [Fact]
    public void Events_AfterDispose_AreDropped_NotThrown()
    {
        var output = new MemoryStream();
        var sink = new BufferedConsoleSink(Format, output, TimeSpan.FromHours(1));
        sink.Dispose();

        Should.NotThrow(() => sink.Emit(Event("/late")));
        output.ToArray().ShouldBeEmpty();
    }
}

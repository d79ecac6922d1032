using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Kehu.Web.Platform.Logging;

/// <summary>
/// Writes log events to standard output through a buffer flushed every <c>flushEvery</c>, when it
/// fills, and on dispose, instead of one write to the console per event. Events are formatted on the
/// thread that logs them (the request's), under a lock held for the formatting only, except when the
/// buffer is full and is written out; no queue or background thread stands between (ADR 0022). Used
/// when standard output is redirected (a file, a pipe, a log collector); a terminal keeps Serilog's
/// coloured console sink.
/// </summary>
public sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    private readonly ITextFormatter formatter;
    private readonly StreamWriter writer;
    private readonly Lock sync = new();
    private readonly Timer timer;
    private bool pending;
    private bool disposed;

    public BufferedConsoleSink(ITextFormatter formatter, TimeSpan flushEvery)
        : this(formatter, Console.OpenStandardOutput(), flushEvery)
    {
    }

    public BufferedConsoleSink(ITextFormatter formatter, Stream output, TimeSpan flushEvery)
    {
        this.formatter = formatter;
        writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = false };
        timer = new Timer(_ => Flush(), null, flushEvery, flushEvery);
    }

    public void Emit(LogEvent logEvent)
    {
        lock (sync)
        {
            if (disposed) return;
            formatter.Format(logEvent, writer);
            pending = true;
        }
    }

    public void Flush()
    {
        lock (sync)
        {
            if (!pending || disposed) return;
            pending = false;
            try
            {
                writer.Flush();
            }
            catch (IOException)
            {
                // Standard output closed (the reader went away): the events are lost, as they would be with the console sink.
            }
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        Flush();
        lock (sync)
        {
            disposed = true;
            writer.Dispose();
        }
    }
}

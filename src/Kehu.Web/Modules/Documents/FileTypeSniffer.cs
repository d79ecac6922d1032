using System.IO.Compression;
using System.Text;

namespace Kehu.Web.Modules.Documents;

/// <summary>A file type Kehu accepts: the extensions it goes by and the content type it is served as.</summary>
public sealed record FileType(string Name, string ContentType, params string[] Extensions);

/// <summary>Decides from a file's bytes whether it is one of the accepted types (the allow-list),
/// and whether its name's extension agrees. A security check, tied to our list: an <c>.exe</c>
/// renamed to <c>.pdf</c>, a zip named <c>.docx</c> without a Word document inside, or binary data
/// named <c>.txt</c> are all refused.</summary>
public static class FileTypeSniffer
{
    public static readonly FileType Pdf = new("pdf", "application/pdf", ".pdf");
    public static readonly FileType Png = new("png", "image/png", ".png");
    public static readonly FileType Jpeg = new("jpeg", "image/jpeg", ".jpg", ".jpeg");
    public static readonly FileType Gif = new("gif", "image/gif", ".gif");
    public static readonly FileType Webp = new("webp", "image/webp", ".webp");
    public static readonly FileType Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileType Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly FileType Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
    public static readonly FileType Doc = new("doc", "application/msword", ".doc");
    public static readonly FileType Xls = new("xls", "application/vnd.ms-excel", ".xls");
    public static readonly FileType Txt = new("txt", "text/plain", ".txt");
    public static readonly FileType Csv = new("csv", "text/csv", ".csv");
    public static readonly FileType Zip = new("zip", "application/zip", ".zip");

    /// <summary>Every accepted type, for the upload form's hint and <c>accept</c> attribute.</summary>
    public static readonly IReadOnlyList<FileType> All = [Pdf, Png, Jpeg, Gif, Webp, Docx, Xlsx, Pptx, Doc, Xls, Txt, Csv, Zip];

    public static string AcceptedExtensions => string.Join(",", All.SelectMany(t => t.Extensions));

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif87 = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89 = "GIF89a"u8.ToArray();
    private static readonly byte[] Riff = "RIFF"u8.ToArray();
    private static readonly byte[] WebpTag = "WEBP"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] EmptyZipMagic = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The type of <paramref name="content"/> (a seekable stream, read from its start) when it
    /// is accepted and <paramref name="fileName"/>'s extension is one of that type's; otherwise null.</summary>
    public static FileType? Detect(Stream content, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var type = All.FirstOrDefault(t => t.Extensions.Contains(extension));
        if (type is null || !content.CanSeek) return null;
        content.Position = 0;
        var head = new byte[16];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var h = head.AsSpan(0, read);
        content.Position = 0;
        var matches = type.Name switch
        {
            "pdf" => h.StartsWith(PdfMagic),
            "png" => h.StartsWith(PngMagic),
            "jpeg" => h.StartsWith(JpegMagic),
            "gif" => h.StartsWith(Gif87) || h.StartsWith(Gif89),
            "webp" => h.Length >= 12 && h.StartsWith(Riff) && h[8..12].SequenceEqual(WebpTag),
            "doc" or "xls" => h.StartsWith(OleMagic),
            "zip" => h.StartsWith(ZipMagic) || h.StartsWith(EmptyZipMagic),
            "docx" => h.StartsWith(ZipMagic) && HasZipEntry(content, "word/document.xml"),
            "xlsx" => h.StartsWith(ZipMagic) && HasZipEntry(content, "xl/workbook.xml"),
            "pptx" => h.StartsWith(ZipMagic) && HasZipEntry(content, "ppt/presentation.xml"),
            "txt" or "csv" => IsText(content),
            _ => false,
        };
        content.Position = 0;
        return matches ? type : null;
    }

    /// <summary>An Office Open XML file is a zip whose <c>[Content_Types].xml</c> sits beside the
    /// main part of its kind.</summary>
    private static bool HasZipEntry(Stream content, string mainPart)
    {
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry(mainPart) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Encoding StrictGb18030 = Gb18030();

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Text: no NUL byte, and every byte decodes as UTF-8, or else as GB18030 (what Excel
    /// and Notepad on a Chinese Windows save).</summary>
    private static bool IsText(Stream content) => Decodes(content, StrictUtf8) || Decodes(content, StrictGb18030);

    private static bool Decodes(Stream content, Encoding encoding)
    {
        content.Position = 0;
        var decoder = encoding.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        try
        {
            int n;
            while ((n = content.Read(bytes, 0, bytes.Length)) > 0)
            {
                if (bytes.AsSpan(0, n).Contains((byte)0)) return false;
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            }
            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

namespace Kehu.Web;

/// <summary>
/// Anchor type for the UI strings. Keys are the Chinese texts of SPEC (the default language);
/// <c>Resources/SharedResource.en.resx</c> holds the English ones.
/// </summary>
public sealed class SharedResource;

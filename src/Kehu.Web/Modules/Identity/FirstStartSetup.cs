using System.Security.Cryptography;

namespace Kehu.Web.Modules.Identity;

/// <summary>
/// A new install without demo data has one administrator and no password. Until one is set,
/// a one-time setup code is printed to the log at start-up; <c>/setup</c> takes that code and
/// the new password, so only whoever can read the server's log can claim the install.
/// </summary>
public sealed class FirstStartSetup
{
    private string? code;

    public bool Pending => code is not null;

    public string Begin()
    {
        code = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        return code;
    }

    public bool Matches(string? candidate) =>
        code is not null && candidate is not null &&
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(code),
            System.Text.Encoding.UTF8.GetBytes(candidate.Trim().ToUpperInvariant()));

    public void Complete() => code = null;
}

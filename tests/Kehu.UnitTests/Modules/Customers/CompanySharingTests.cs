using Kehu.Web.Modules.Customers;

namespace Kehu.UnitTests.Modules.Customers;

public sealed class CompanySharingTests
{
    private const long Owner = 3;
    private const long Colleague = 2;
    private static readonly DateTime Now = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    private static CompanyDetails Details(long owner) =>
        new("甲公司", true, false, null, null, null, null, null, null, null, null, null, null, owner, null);

    [Fact]
    public void ShareWith_AColleague_AddsOneShare_AndAgainChangesNothing()
    {
        var company = new Company("C1", Details(Owner));

        company.ShareWith(Colleague, Owner, Now).ShouldBe(ShareOutcome.Shared);
        company.ShareWith(Colleague, Owner, Now.AddHours(1)).ShouldBe(ShareOutcome.AlreadyShared);

        var share = company.Shares.ShouldHaveSingleItem();
        share.UserId.ShouldBe(Colleague);
        share.SharedAt.ShouldBe(Now);
        share.SharedById.ShouldBe(Owner);
    }

    [Fact]
    public void ShareWith_TheOwner_IsRefused()
    {
        var company = new Company("C1", Details(Owner));

        company.ShareWith(Owner, Owner, Now).ShouldBe(ShareOutcome.IsOwner);

        company.Shares.ShouldBeEmpty();
    }

    [Fact]
    public void Unshare_RemovesTheShare_AndSaysWhenThereWasNone()
    {
        var company = new Company("C1", Details(Owner));
        company.ShareWith(Colleague, Owner, Now);

        company.Unshare(Colleague).ShouldBeTrue();
        company.Unshare(Colleague).ShouldBeFalse();
        company.Shares.ShouldBeEmpty();
    }

    [Fact]
    public void MakingTheColleagueTheOwner_DropsTheirShare_AndKeepsOthers()
    {
        var company = new Company("C1", Details(Owner));
        company.ShareWith(Colleague, Owner, Now);
        company.ShareWith(7, Owner, Now);

        company.Apply(Details(Colleague));

        company.Shares.Select(s => s.UserId).ShouldBe([7L]);
    }
}

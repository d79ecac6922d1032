using Kehu.Web.Platform.Data;
using Npgsql;
using Shouldly;

namespace Kehu.UnitTests.Platform.Data;

public class PostgresConnectionStringTests
{
    [Fact]
    public void PostgresConnectionString_WhenAutoPrepareNotConfigured_PreparesRepeatedStatements()
    {
        var effective = new NpgsqlConnectionStringBuilder(
            DatabaseSetup.PostgresConnectionString("Host=db;Database=kehu;Username=kehu"));

        effective.MaxAutoPrepare.ShouldBe(100);
        effective.NoResetOnClose.ShouldBeTrue();
        effective.Host.ShouldBe("db");
        effective.Database.ShouldBe("kehu");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=0", 0)]
    [InlineData("Host=db;Max Auto Prepare=20", 20)]
    public void PostgresConnectionString_WhenAutoPrepareConfigured_KeepsTheOperatorsChoice(string configured, int expected)
    {
        new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(configured)).MaxAutoPrepare.ShouldBe(expected);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false", false)]
    [InlineData("Host=db;NoResetOnClose=false", false)]
    [InlineData("Host=db;No Reset On Close=true", true)]
    public void PostgresConnectionString_WhenResetOnCloseConfigured_KeepsTheOperatorsChoice(string configured, bool expected)
    {
        var effective = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(configured));
        effective.NoResetOnClose.ShouldBe(expected);
        effective.MaxAutoPrepare.ShouldBe(100);
    }
}

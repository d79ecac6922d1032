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
}

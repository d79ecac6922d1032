using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kehu.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add X --project src/Kehu.Migrations.Sqlite</c> build the model.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<KehuDbContext>
{
    public KehuDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KehuDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new KehuDbContext(options.Options);
    }
}

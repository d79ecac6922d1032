using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kehu.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add X --project src/Kehu.Migrations.Postgres</c> build the model.
/// No server is contacted while adding a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<KehuDbContext>
{
    public KehuDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<KehuDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=kehu_design");
        return new KehuDbContext(options.Options);
    }
}

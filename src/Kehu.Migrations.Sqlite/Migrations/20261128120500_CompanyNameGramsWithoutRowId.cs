using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Sqlite.Migrations
{
    /// <summary>SQLite only: the companies' name grams become a WITHOUT ROWID table, clustered on
    /// their primary key (gram, company_id), so a gram is one b-tree entry instead of a row plus
    /// its primary-key index (ADR 0023). The model does not change; EF Core has no annotation for
    /// WITHOUT ROWID, so a later migration that rebuilds this table must keep the clause.</summary>
    public partial class CompanyNameGramsWithoutRowId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, " WITHOUT ROWID");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "");

        private static void Rebuild(MigrationBuilder migrationBuilder, string options)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "ef_temp_company_name_grams" (
                    "company_id" INTEGER NOT NULL,
                    "gram" TEXT NOT NULL,
                    CONSTRAINT "pk_company_name_grams" PRIMARY KEY ("gram", "company_id"),
                    CONSTRAINT "fk_company_name_grams_companies_company_id" FOREIGN KEY ("company_id") REFERENCES "companies" ("id") ON DELETE CASCADE
                ){options};
                """);
            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_company_name_grams" ("company_id", "gram")
                SELECT "company_id", "gram" FROM "company_name_grams" ORDER BY "gram", "company_id";
                """);
            migrationBuilder.Sql("""DROP TABLE "company_name_grams";""");
            migrationBuilder.Sql("""ALTER TABLE "ef_temp_company_name_grams" RENAME TO "company_name_grams";""");
            migrationBuilder.CreateIndex(
                name: "ix_company_name_grams_company_id",
                table: "company_name_grams",
                column: "company_id");
        }
    }
}

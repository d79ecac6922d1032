using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintProduct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One ALTER TABLE instead of EF's table rebuild for the foreign key: SQLite can add a
            // nullable column with a REFERENCES clause in place, inside the migration's transaction,
            // without copying every complaint.
            migrationBuilder.Sql(
                "ALTER TABLE \"complaints\" ADD COLUMN \"product_id\" INTEGER NULL " +
                "CONSTRAINT \"fk_complaints_products_product_id\" REFERENCES \"products\" (\"id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_product_id_received_at",
                table: "complaints",
                columns: new[] { "product_id", "received_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_complaints_products_product_id",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_product_id_received_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "product_id",
                table: "complaints");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintProduct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "product_id",
                table: "complaints",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_product_id_received_at",
                table: "complaints",
                columns: new[] { "product_id", "received_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_complaints_products_product_id",
                table: "complaints",
                column: "product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
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

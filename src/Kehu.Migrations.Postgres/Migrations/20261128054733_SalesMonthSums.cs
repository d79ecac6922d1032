using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SalesMonthSums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sales_month_sums",
                columns: table => new
                {
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    lines = table.Column<int>(type: "integer", nullable: false),
                    quantity_thousandths = table.Column<long>(type: "bigint", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    cost_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_month_sums", x => new { x.month, x.product_id });
                    table.ForeignKey(
                        name: "fk_sales_month_sums_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_month_sums_product_id",
                table: "sales_month_sums",
                column: "product_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sales_month_sums");
        }
    }
}

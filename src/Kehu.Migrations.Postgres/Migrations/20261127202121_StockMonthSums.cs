using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StockMonthSums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stock_month_sums",
                columns: table => new
                {
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    warehouse_id = table.Column<long>(type: "bigint", nullable: false),
                    month = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    moves = table.Column<int>(type: "integer", nullable: false),
                    quantity_thousandths = table.Column<long>(type: "bigint", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_month_sums", x => new { x.product_id, x.warehouse_id, x.month, x.kind });
                    table.ForeignKey(
                        name: "fk_stock_month_sums_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_month_sums_warehouses_warehouse_id",
                        column: x => x.warehouse_id,
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stock_month_sums_month_product_id",
                table: "stock_month_sums",
                columns: new[] { "month", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_month_sums_warehouse_id",
                table: "stock_month_sums",
                column: "warehouse_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_month_sums");
        }
    }
}

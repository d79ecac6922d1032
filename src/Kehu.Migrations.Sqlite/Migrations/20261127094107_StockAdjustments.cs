using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StockAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stock_adjustments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    warehouse_id = table.Column<long>(type: "INTEGER", nullable: false),
                    counted_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    counter_id = table.Column<long>(type: "INTEGER", nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    approved_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approved_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_adjustments", x => x.id);
                    table.ForeignKey(
                        name: "fk_stock_adjustments_users_approved_by_id",
                        column: x => x.approved_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_adjustments_users_counter_id",
                        column: x => x.counter_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_adjustments_warehouses_warehouse_id",
                        column: x => x.warehouse_id,
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_adjustment_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    adjustment_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_no = table.Column<int>(type: "INTEGER", nullable: false),
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    counted = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    on_hand = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: true),
                    difference = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: true),
                    unit_cost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_adjustment_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_stock_adjustment_lines_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_adjustment_lines_stock_adjustments_adjustment_id",
                        column: x => x.adjustment_id,
                        principalTable: "stock_adjustments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stock_adjustment_lines_adjustment_id_line_no",
                table: "stock_adjustment_lines",
                columns: new[] { "adjustment_id", "line_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_adjustment_lines_product_id",
                table: "stock_adjustment_lines",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_adjustments_approved_by_id",
                table: "stock_adjustments",
                column: "approved_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_adjustments_counted_on_id",
                table: "stock_adjustments",
                columns: new[] { "counted_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_adjustments_counter_id_counted_on",
                table: "stock_adjustments",
                columns: new[] { "counter_id", "counted_on" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_adjustments_number",
                table: "stock_adjustments",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_adjustments_state_counted_on",
                table: "stock_adjustments",
                columns: new[] { "state", "counted_on" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_adjustments_warehouse_id",
                table: "stock_adjustments",
                column: "warehouse_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stock_adjustment_lines");

            migrationBuilder.DropTable(
                name: "stock_adjustments");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Products : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inventory_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    allow_negative_stock = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "product_categories",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    parent_id = table.Column<long>(type: "INTEGER", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_categories", x => x.id);
                    table.ForeignKey(
                        name: "fk_product_categories_product_categories_parent_id",
                        column: x => x.parent_id,
                        principalTable: "product_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "warehouses",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    is_default = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_warehouses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    supplier_id = table.Column<long>(type: "INTEGER", nullable: false),
                    barcode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    category_id = table.Column<long>(type: "INTEGER", nullable: true),
                    sub_category_id = table.Column<long>(type: "INTEGER", nullable: true),
                    specification = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    unit_id = table.Column<long>(type: "INTEGER", nullable: true),
                    purchase_price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    sale_price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    minimum_stock = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_products_companies_supplier_id",
                        column: x => x.supplier_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_products_product_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "product_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_products_product_categories_sub_category_id",
                        column: x => x.sub_category_id,
                        principalTable: "product_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opening_stocks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    warehouse_id = table.Column<long>(type: "INTEGER", nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opening_stocks", x => x.id);
                    table.ForeignKey(
                        name: "fk_opening_stocks_warehouses_warehouse_id",
                        column: x => x.warehouse_id,
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "product_name_grams",
                columns: table => new
                {
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    gram = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_name_grams", x => new { x.gram, x.product_id });
                    table.ForeignKey(
                        name: "fk_product_name_grams_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stock_balances",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    warehouse_id = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_balances", x => x.id);
                    table.ForeignKey(
                        name: "fk_stock_balances_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stock_balances_warehouses_warehouse_id",
                        column: x => x.warehouse_id,
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_moves",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    document_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    document_id = table.Column<long>(type: "INTEGER", nullable: false),
                    document_line = table.Column<int>(type: "INTEGER", nullable: false),
                    document_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    warehouse_id = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    unit_cost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    balance_after = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    average_cost_after = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_moves", x => x.id);
                    table.ForeignKey(
                        name: "fk_stock_moves_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_moves_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_moves_warehouses_warehouse_id",
                        column: x => x.warehouse_id,
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_valuations",
                columns: table => new
                {
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    average_cost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_valuations", x => x.product_id);
                    table.ForeignKey(
                        name: "fk_stock_valuations_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_opening_stocks_number",
                table: "opening_stocks",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_opening_stocks_warehouse_id",
                table: "opening_stocks",
                column: "warehouse_id");

            migrationBuilder.CreateIndex(
                name: "ix_product_categories_parent_id_sort_order",
                table: "product_categories",
                columns: new[] { "parent_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_product_name_grams_product_id",
                table: "product_name_grams",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_products_barcode",
                table: "products",
                column: "barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_products_category_id_id",
                table: "products",
                columns: new[] { "category_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_code",
                table: "products",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_products_is_active_id",
                table: "products",
                columns: new[] { "is_active", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_normalized_name",
                table: "products",
                column: "normalized_name");

            migrationBuilder.CreateIndex(
                name: "ix_products_sub_category_id_id",
                table: "products",
                columns: new[] { "sub_category_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_products_supplier_id_id",
                table: "products",
                columns: new[] { "supplier_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_balances_product_id_warehouse_id",
                table: "stock_balances",
                columns: new[] { "product_id", "warehouse_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_balances_warehouse_id_product_id",
                table: "stock_balances",
                columns: new[] { "warehouse_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_moves_at_id",
                table: "stock_moves",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_moves_document_type_document_id_document_line",
                table: "stock_moves",
                columns: new[] { "document_type", "document_id", "document_line" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_moves_product_id_id",
                table: "stock_moves",
                columns: new[] { "product_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_moves_user_id",
                table: "stock_moves",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_moves_warehouse_id_id",
                table: "stock_moves",
                columns: new[] { "warehouse_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_warehouses_name",
                table: "warehouses",
                column: "name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inventory_settings");

            migrationBuilder.DropTable(
                name: "opening_stocks");

            migrationBuilder.DropTable(
                name: "product_name_grams");

            migrationBuilder.DropTable(
                name: "stock_balances");

            migrationBuilder.DropTable(
                name: "stock_moves");

            migrationBuilder.DropTable(
                name: "stock_valuations");

            migrationBuilder.DropTable(
                name: "warehouses");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "product_categories");
        }
    }
}

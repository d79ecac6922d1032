using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SalesDaySumsAndOverdueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_contact_records_company_id_contacted_at",
                table: "contact_records");

            migrationBuilder.CreateTable(
                name: "sales_day_sums",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    orders = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_day_sums", x => x.day);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contact_records_company_id_contacted_at_next_contact_at",
                table: "contact_records",
                columns: new[] { "company_id", "contacted_at", "next_contact_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sales_day_sums");

            migrationBuilder.DropIndex(
                name: "ix_contact_records_company_id_contacted_at_next_contact_at",
                table: "contact_records");

            migrationBuilder.CreateIndex(
                name: "ix_contact_records_company_id_contacted_at",
                table: "contact_records",
                columns: new[] { "company_id", "contacted_at" });
        }
    }
}

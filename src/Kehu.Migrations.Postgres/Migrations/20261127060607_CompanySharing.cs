using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CompanySharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "company_shares",
                columns: table => new
                {
                    company_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    shared_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    shared_by_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_shares", x => new { x.company_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_company_shares_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_company_shares_users_shared_by_id",
                        column: x => x.shared_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_company_shares_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_company_shares_shared_by_id",
                table: "company_shares",
                column: "shared_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_company_shares_user_id_company_id",
                table: "company_shares",
                columns: new[] { "user_id", "company_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "company_shares");
        }
    }
}

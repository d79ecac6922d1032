using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Expenses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "expense_advances",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    expected_repayment_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    offset = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    repaid = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    is_open = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    document_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    applicant_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    department_id = table.Column<long>(type: "INTEGER", nullable: true),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    payment_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    payment_method = table.Column<int>(type: "INTEGER", nullable: true),
                    payment_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    payer_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_advances", x => x.id);
                    table.ForeignKey(
                        name: "fk_expense_advances_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_advances_users_applicant_id",
                        column: x => x.applicant_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_advances_users_payer_id",
                        column: x => x.payer_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_advances_users_person_id",
                        column: x => x.person_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "expense_claims",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    company_id = table.Column<long>(type: "INTEGER", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    advance_id = table.Column<long>(type: "INTEGER", nullable: true),
                    offset_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    document_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    applicant_id = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<long>(type: "INTEGER", nullable: false),
                    department_id = table.Column<long>(type: "INTEGER", nullable: true),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    payment_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    payment_method = table.Column<int>(type: "INTEGER", nullable: true),
                    payment_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    payer_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_expense_claims_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_claims_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_claims_expense_advances_advance_id",
                        column: x => x.advance_id,
                        principalTable: "expense_advances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_claims_users_applicant_id",
                        column: x => x.applicant_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_claims_users_payer_id",
                        column: x => x.payer_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_claims_users_person_id",
                        column: x => x.person_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "expense_advance_settlements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    advance_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    claim_id = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_advance_settlements", x => x.id);
                    table.ForeignKey(
                        name: "fk_expense_advance_settlements_expense_advances_advance_id",
                        column: x => x.advance_id,
                        principalTable: "expense_advances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_advance_settlements_expense_claim_claim_id",
                        column: x => x.claim_id,
                        principalTable: "expense_claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_advance_settlements_users_recorded_by_id",
                        column: x => x.recorded_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "expense_claim_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    claim_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line_no = table.Column<int>(type: "INTEGER", nullable: false),
                    expense_type_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    receipts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_claim_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_expense_claim_lines_expense_claims_claim_id",
                        column: x => x.claim_id,
                        principalTable: "expense_claims",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_expense_claim_lines_option_items_expense_type_id",
                        column: x => x.expense_type_id,
                        principalTable: "option_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_expense_advance_settlements_advance_id_id",
                table: "expense_advance_settlements",
                columns: new[] { "advance_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_advance_settlements_claim_id",
                table: "expense_advance_settlements",
                column: "claim_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_advance_settlements_recorded_by_id",
                table: "expense_advance_settlements",
                column: "recorded_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_advances_applicant_id_state",
                table: "expense_advances",
                columns: new[] { "applicant_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_advances_department_id_document_date",
                table: "expense_advances",
                columns: new[] { "department_id", "document_date" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_advances_is_open_person_id",
                table: "expense_advances",
                columns: new[] { "is_open", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_advances_number",
                table: "expense_advances",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_expense_advances_payer_id",
                table: "expense_advances",
                column: "payer_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_advances_person_id_document_date",
                table: "expense_advances",
                columns: new[] { "person_id", "document_date" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_advances_state_document_date",
                table: "expense_advances",
                columns: new[] { "state", "document_date" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_claim_lines_claim_id_line_no",
                table: "expense_claim_lines",
                columns: new[] { "claim_id", "line_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_expense_claim_lines_expense_type_id",
                table: "expense_claim_lines",
                column: "expense_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_claims_advance_id",
                table: "expense_claims",
                column: "advance_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_claims_applicant_id_state",
                table: "expense_claims",
                columns: new[] { "applicant_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_claims_company_id",
                table: "expense_claims",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_claims_department_id_document_date",
                table: "expense_claims",
                columns: new[] { "department_id", "document_date" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_claims_number",
                table: "expense_claims",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_expense_claims_payer_id",
                table: "expense_claims",
                column: "payer_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_claims_person_id_document_date",
                table: "expense_claims",
                columns: new[] { "person_id", "document_date" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_claims_state_document_date",
                table: "expense_claims",
                columns: new[] { "state", "document_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "expense_advance_settlements");

            migrationBuilder.DropTable(
                name: "expense_claim_lines");

            migrationBuilder.DropTable(
                name: "expense_claims");

            migrationBuilder.DropTable(
                name: "expense_advances");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContactRecordsByRecorderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_contact_records_recorder_id_company_id_contacted_at",
                table: "contact_records",
                columns: new[] { "recorder_id", "company_id", "contacted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_contact_records_recorder_id_company_id_contacted_at",
                table: "contact_records");
        }
    }
}

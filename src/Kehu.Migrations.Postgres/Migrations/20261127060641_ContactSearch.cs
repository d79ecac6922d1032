using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ContactSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "normalized_name",
                table: "contacts",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "phone_digits",
                table: "contacts",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "contact_search_grams",
                columns: table => new
                {
                    contact_id = table.Column<long>(type: "bigint", nullable: false),
                    gram = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_search_grams", x => new { x.gram, x.contact_id });
                    table.ForeignKey(
                        name: "fk_contact_search_grams_contacts_contact_id",
                        column: x => x.contact_id,
                        principalTable: "contacts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_normalized_name_id",
                table: "contacts",
                columns: new[] { "normalized_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_records_next_contact_at_id",
                table: "contact_records",
                columns: new[] { "next_contact_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contact_search_grams_contact_id",
                table: "contact_search_grams",
                column: "contact_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contact_search_grams");

            migrationBuilder.DropIndex(
                name: "ix_contacts_normalized_name_id",
                table: "contacts");

            migrationBuilder.DropIndex(
                name: "ix_contact_records_next_contact_at_id",
                table: "contact_records");

            migrationBuilder.DropColumn(
                name: "normalized_name",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "phone_digits",
                table: "contacts");
        }
    }
}

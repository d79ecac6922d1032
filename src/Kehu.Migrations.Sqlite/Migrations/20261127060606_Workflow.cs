using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kehu.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Workflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    company_id = table.Column<long>(type: "INTEGER", nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type_id = table.Column<long>(type: "INTEGER", nullable: true),
                    channel_id = table.Column<long>(type: "INTEGER", nullable: true),
                    urgency_id = table.Column<long>(type: "INTEGER", nullable: true),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    received_by_id = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaints", x => x.id);
                    table.ForeignKey(
                        name: "fk_complaints_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaints_users_received_by_id",
                        column: x => x.received_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    to = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    gave_up_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_instances",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    document_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    document_id = table.Column<long>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    step = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    submitter_id = table.Column<long>(type: "INTEGER", nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_instances", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_instances_users_submitter_id",
                        column: x => x.submitter_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_tickets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    complaint_id = table.Column<long>(type: "INTEGER", nullable: false),
                    company_id = table.Column<long>(type: "INTEGER", nullable: false),
                    assigned_to_id = table.Column<long>(type: "INTEGER", nullable: false),
                    assigned_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    service_staff_id = table.Column<long>(type: "INTEGER", nullable: true),
                    completion = table.Column<int>(type: "INTEGER", nullable: true),
                    work_done = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    service_hours = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    feedback = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_tickets", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_tickets_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_tickets_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_tickets_users_assigned_to_id",
                        column: x => x.assigned_to_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_tickets_users_service_staff_id",
                        column: x => x.service_staff_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workflow_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    instance_id = table.Column<long>(type: "INTEGER", nullable: false),
                    document_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    document_id = table.Column<long>(type: "INTEGER", nullable: false),
                    step = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    action = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    opinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    to_step = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    assignee_id = table.Column<long>(type: "INTEGER", nullable: true),
                    changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_history_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workflow_history_workflow_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workflow_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    instance_id = table.Column<long>(type: "INTEGER", nullable: false),
                    document_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    document_id = table.Column<long>(type: "INTEGER", nullable: false),
                    step = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    assignee_id = table.Column<long>(type: "INTEGER", nullable: true),
                    candidate_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_by_id = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    action = table.Column<int>(type: "INTEGER", nullable: true),
                    opinion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_tasks_users_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workflow_tasks_users_completed_by_id",
                        column: x => x.completed_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_workflow_tasks_workflow_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_company_id_received_at",
                table: "complaints",
                columns: new[] { "company_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_number",
                table: "complaints",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_received_at_id",
                table: "complaints",
                columns: new[] { "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_received_by_id_received_at",
                table: "complaints",
                columns: new[] { "received_by_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_state_received_at",
                table: "complaints",
                columns: new[] { "state", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sent_at_gave_up_at_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "sent_at", "gave_up_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_tickets_assigned_at_id",
                table: "service_tickets",
                columns: new[] { "assigned_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_tickets_assigned_to_id_assigned_at",
                table: "service_tickets",
                columns: new[] { "assigned_to_id", "assigned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_tickets_company_id_assigned_at",
                table: "service_tickets",
                columns: new[] { "company_id", "assigned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_tickets_complaint_id_id",
                table: "service_tickets",
                columns: new[] { "complaint_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_tickets_number",
                table: "service_tickets",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_tickets_service_staff_id",
                table: "service_tickets",
                column: "service_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_history_document_type_document_id_id",
                table: "workflow_history",
                columns: new[] { "document_type", "document_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_history_instance_id",
                table: "workflow_history",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_history_user_id",
                table: "workflow_history",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_document_type_document_id",
                table: "workflow_instances",
                columns: new[] { "document_type", "document_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_submitter_id_submitted_at",
                table: "workflow_instances",
                columns: new[] { "submitter_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_assignee_id_status",
                table: "workflow_tasks",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_candidate_role_status",
                table: "workflow_tasks",
                columns: new[] { "candidate_role", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_completed_by_id_completed_at",
                table: "workflow_tasks",
                columns: new[] { "completed_by_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_document_type_document_id",
                table: "workflow_tasks",
                columns: new[] { "document_type", "document_id" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_instance_id_status",
                table: "workflow_tasks",
                columns: new[] { "instance_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "service_tickets");

            migrationBuilder.DropTable(
                name: "workflow_history");

            migrationBuilder.DropTable(
                name: "workflow_tasks");

            migrationBuilder.DropTable(
                name: "complaints");

            migrationBuilder.DropTable(
                name: "workflow_instances");
        }
    }
}

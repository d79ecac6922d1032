using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;

namespace Kehu.Web.Modules.Service;

/// <summary>The complaint list's filters, the same on the page and in the API. Dates are days in the
/// company's time zone, on 接收时间. <see cref="AssigneeId"/> finds complaints assigned to a service person;
/// <see cref="ProductId"/> those naming a product (相关商品).</summary>
public sealed class ComplaintQuery
{
    public string? State { get; set; }
    public long? CompanyId { get; set; }
    public long? TypeId { get; set; }
    public long? AssigneeId { get; set; }
    public long? ProductId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }

    public static ComplaintState? ParseState(string? text) =>
        Enum.GetValues<ComplaintState>().Cast<ComplaintState?>()
            .FirstOrDefault(s => string.Equals(ComplaintLabels.Api(s!.Value), text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Complaints newest first, keyset-paged on (接收时间, id).</summary>
public sealed class ListComplaints(KehuDbContext db, ComplaintScope scope, CompanyTimeZone zone)
{
    public async Task<Page<Complaint>> HandleAsync(long userId, ComplaintQuery f, CancellationToken ct)
    {
        var query = await scope.VisibleAsync(userId, ct);
        if (ComplaintQuery.ParseState(f.State) is { } state) query = query.Where(c => c.State == state);
        if (f.CompanyId is { } company) query = query.Where(c => c.CompanyId == company);
        if (f.TypeId is { } type) query = query.Where(c => c.TypeId == type);
        if (f.ProductId is { } product) query = query.Where(c => c.ProductId == product);
        if (f.AssigneeId is { } assignee)
        {
            var tickets = db.ServiceTickets.Where(t => t.AssignedToId == assignee);
            query = query.Where(c => tickets.Any(t => t.ComplaintId == c.Id));
        }
        if (f.From is { } from)
        {
            var start = zone.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(c => c.ReceivedAt >= start);
        }
        if (f.To is { } to)
        {
            var end = zone.EndOfDayUtc(to);
            query = query.Where(c => c.ReceivedAt < end);
        }

        return await Keyset.PageAsync(query, NewestReceived, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
    }

    private static readonly KeysetOrder<Complaint> NewestReceived = KeysetOrder.By<Complaint>(c => c.ReceivedAt, c => c.Id);
}

/// <summary>The service ticket list's filters. Dates are on 指派时间.</summary>
public sealed class ServiceTicketQuery
{
    public string? State { get; set; }
    public long? CompanyId { get; set; }
    public long? AssigneeId { get; set; }
    public long? ComplaintId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }

    public static ServiceTicketState? ParseState(string? text) =>
        Enum.TryParse<ServiceTicketState>(text, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(text, out _) ? s : null;
}

/// <summary>Service tickets newest first, keyset-paged on (指派时间, id).</summary>
public sealed class ListServiceTickets(ComplaintScope scope, CompanyTimeZone zone)
{
    public async Task<Page<ServiceTicket>> HandleAsync(long userId, ServiceTicketQuery f, CancellationToken ct)
    {
        var query = await scope.VisibleTicketsAsync(userId, ct);
        if (ServiceTicketQuery.ParseState(f.State) is { } state) query = query.Where(t => t.Status == state);
        if (f.CompanyId is { } company) query = query.Where(t => t.CompanyId == company);
        if (f.AssigneeId is { } assignee) query = query.Where(t => t.AssignedToId == assignee);
        if (f.ComplaintId is { } complaint) query = query.Where(t => t.ComplaintId == complaint);
        if (f.From is { } from)
        {
            var start = zone.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(t => t.AssignedAt >= start);
        }
        if (f.To is { } to)
        {
            var end = zone.EndOfDayUtc(to);
            query = query.Where(t => t.AssignedAt < end);
        }

        return await Keyset.PageAsync(query, NewestAssigned, new PageRequest(f.Cursor, f.Limit, Descending: true), ct);
    }

    private static readonly KeysetOrder<ServiceTicket> NewestAssigned = KeysetOrder.By<ServiceTicket>(t => t.AssignedAt, t => t.Id);
}

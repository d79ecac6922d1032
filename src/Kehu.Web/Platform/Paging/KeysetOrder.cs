using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace Kehu.Web.Platform.Paging;

/// <summary>
/// One order of a list for keyset paging: a sort key with the row id as tiebreaker, or the id
/// alone. It reads on from a cursor position and writes the cursor value of a row. Define each
/// order once (a static field): the key is compiled to read the cursor value off a row.
/// </summary>
public abstract class KeysetOrder<T>
{
    /// <summary>The queries that read on from <paramref name="from"/>, each already ordered, in
    /// reading order: a page takes rows from the first and goes on to the next only while short.
    /// Each comes with how to put rows of that part in its order again (after a <c>UNION ALL</c>
    /// of several sources), where the order can say so in SQL.</summary>
    internal abstract IEnumerable<ReadPart<T>> ReadFrom(IQueryable<T> source, bool descending, Cursor? from);

    internal abstract string ValueOf(T row);

    internal abstract long IdOf(T row);

    internal string CursorAt(T row, bool before) => new Cursor(before, ValueOf(row), IdOf(row)).Encode();
}

/// <summary>One ordered query of a page read, and how to order its rows again (none for an
/// order that reads through another path).</summary>
internal sealed record ReadPart<T>(IQueryable<T> Rows, Func<IQueryable<T>, IQueryable<T>>? OrderAgain);

public static class KeysetOrder
{
    /// <summary>By id alone (newest or oldest first).</summary>
    public static KeysetOrder<T> ById<T>(Expression<Func<T, long>> id) => new IdOrder<T>(id);

    /// <summary>By id, but read through another path that yields the same rows in the same id
    /// order (an index walk); <paramref name="read"/> gets the reading direction and the id to
    /// read on from.</summary>
    public static KeysetOrder<T> ByIdThrough<T>(Func<T, long> id, Func<bool, long?, IQueryable<T>> read) => new WalkOrder<T>(id, read);

    public static KeysetOrder<T> By<T>(Expression<Func<T, string>> key, Expression<Func<T, long>> id) =>
        new KeyOrder<T, string>(key, id, v => v, text => (true, text));

    /// <summary>By a number, then id; with <paramref name="idOpposite"/> ties run the other way up
    /// (key descending, id ascending, or the reverse).</summary>
    public static KeysetOrder<T> By<T>(Expression<Func<T, long>> key, Expression<Func<T, long>> id, bool idOpposite = false) =>
        new KeyOrder<T, long>(key, id, v => v.ToString(CultureInfo.InvariantCulture),
            text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? (true, v) : (false, 0), idOpposite);

    /// <summary>By an amount, then id.</summary>
    public static KeysetOrder<T> By<T>(Expression<Func<T, decimal>> key, Expression<Func<T, long>> id) =>
        new KeyOrder<T, decimal>(key, id, v => v.ToString(CultureInfo.InvariantCulture),
            text => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? (true, v) : (false, 0m));

    public static KeysetOrder<T> By<T>(Expression<Func<T, DateTime>> key, Expression<Func<T, long>> id) =>
        new KeyOrder<T, DateTime>(key, id, Ticks, text => FromTicks(text) is { } at ? (true, at) : (false, default));

    /// <summary>By an optional time; rows without one come last, whichever the direction.</summary>
    public static KeysetOrder<T> By<T>(Expression<Func<T, DateTime?>> key, Expression<Func<T, long>> id) =>
        new KeyOrder<T, DateTime?>(key, id, v => v is { } at ? Ticks(at) : "", text => FromTicks(text) is { } at ? (true, at) : (false, null));

    private static string Ticks(DateTime at) => at.Ticks.ToString(CultureInfo.InvariantCulture);

    private static DateTime? FromTicks(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : null;

    /// <summary>Holds a value so that EF Core sends it as a query parameter, as it does a captured variable.</summary>
    private sealed class Box<TValue>(TValue value)
    {
        public readonly TValue Value = value;

        public static Expression Of(TValue value) =>
            Expression.Field(Expression.Constant(new Box<TValue>(value)), typeof(Box<TValue>).GetField(nameof(Value))!);
    }

    private static Expression<Func<T, bool>> IdAfter<T>(Expression<Func<T, long>> id, bool descending, long after)
    {
        var value = Box<long>.Of(after);
        return Expression.Lambda<Func<T, bool>>(
            descending ? Expression.LessThan(id.Body, value) : Expression.GreaterThan(id.Body, value), id.Parameters);
    }

    private static IOrderedQueryable<T> OrderById<T>(IQueryable<T> q, Expression<Func<T, long>> id, bool descending) =>
        descending ? q.OrderByDescending(id) : q.OrderBy(id);

    private sealed class IdOrder<T>(Expression<Func<T, long>> id) : KeysetOrder<T>
    {
        private readonly Func<T, long> idOf = id.Compile();

        internal override IEnumerable<ReadPart<T>> ReadFrom(IQueryable<T> source, bool descending, Cursor? from)
        {
            yield return new(OrderById(from is null ? source : source.Where(IdAfter(id, descending, from.Id)), id, descending),
                q => OrderById(q, id, descending));
        }

        internal override string ValueOf(T row) => "";

        internal override long IdOf(T row) => idOf(row);
    }

    private sealed class WalkOrder<T>(Func<T, long> id, Func<bool, long?, IQueryable<T>> read) : KeysetOrder<T>
    {
        internal override IEnumerable<ReadPart<T>> ReadFrom(IQueryable<T> source, bool descending, Cursor? from)
        {
            yield return new(read(descending, from?.Id), null);
        }

        internal override string ValueOf(T row) => "";

        internal override long IdOf(T row) => id(row);
    }

    /// <summary>By a key, then id. A nullable key splits the list in two: the rows with a value in
    /// key order, then the rows without one in id order; each part is read through an index on
    /// (key, id), and a cursor with an empty value stands in the second part.</summary>
    private sealed class KeyOrder<T, TKey> : KeysetOrder<T>
    {
        private static readonly bool Nullable = System.Nullable.GetUnderlyingType(typeof(TKey)) is not null;
        private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

        private readonly Expression<Func<T, TKey>> key;
        private readonly Expression<Func<T, long>> id;
        private readonly Func<T, TKey> keyOf;
        private readonly Func<T, long> idOf;
        private readonly Func<TKey, string> encode;
        private readonly Func<string, (bool Ok, TKey Value)> decode;
        private readonly bool idOpposite;

        public KeyOrder(Expression<Func<T, TKey>> key, Expression<Func<T, long>> id, Func<TKey, string> encode, Func<string, (bool, TKey)> decode, bool idOpposite = false)
        {
            this.key = key;
            // One parameter for both, so they combine into one condition.
            this.id = Expression.Lambda<Func<T, long>>(new Rebind(id.Parameters[0], key.Parameters[0]).Visit(id.Body), key.Parameters);
            keyOf = key.Compile();
            idOf = id.Compile();
            this.encode = encode;
            this.decode = decode;
            this.idOpposite = idOpposite;
        }

        internal override IEnumerable<ReadPart<T>> ReadFrom(IQueryable<T> source, bool descending, Cursor? from)
        {
            var position = from is null ? default : decode(from.Value);
            var idDescending = descending != idOpposite;
            Func<IQueryable<T>, IQueryable<T>> byKey = q => Order(q, descending);
            Func<IQueryable<T>, IQueryable<T>> byId = q => OrderById(q, id, idDescending);
            if (!Nullable)
            {
                yield return new(Order(position.Ok ? source.Where(After(descending, position.Value, from!.Id)) : source, descending), byKey);
                yield break;
            }
            // The cursor's direction says which way the list is read: backwards, the rows
            // without a value (last in the list) come first.
            var backwards = from is { Before: true };
            var inEmpty = from is not null && from.Value.Length == 0;
            var valued = source.Where(HasValue(true));
            var empty = source.Where(HasValue(false));
            var valuedPart = Order(position.Ok ? valued.Where(After(descending, position.Value, from!.Id)) : valued, descending);
            var emptyPart = OrderById(inEmpty ? empty.Where(IdAfter(id, idDescending, from!.Id)) : empty, id, idDescending);
            if (backwards)
            {
                if (inEmpty) yield return new(emptyPart, byId);
                yield return new(valuedPart, byKey);
            }
            else
            {
                if (!inEmpty) yield return new(valuedPart, byKey);
                yield return new(emptyPart, byId);
            }
        }

        internal override string ValueOf(T row) => encode(keyOf(row));

        internal override long IdOf(T row) => idOf(row);

        private IOrderedQueryable<T> Order(IQueryable<T> q, bool descending)
        {
            var byKey = descending ? q.OrderByDescending(key) : q.OrderBy(key);
            return descending != idOpposite ? byKey.ThenByDescending(id) : byKey.ThenBy(id);
        }

        private Expression<Func<T, bool>> HasValue(bool has)
        {
            var none = Expression.Constant(null, typeof(TKey));
            return Expression.Lambda<Func<T, bool>>(has ? Expression.NotEqual(key.Body, none) : Expression.Equal(key.Body, none), key.Parameters);
        }

        /// <summary>key &lt;= v AND (key &lt; v OR id &lt; last), or the same with &gt; going up: the
        /// leading range lets both databases seek the (key, id) index to the cursor instead of
        /// scanning from the start of the list (which the equivalent key &lt; v OR (key = v AND …) makes them do).
        /// Ties that run the other way up compare the id the other way.</summary>
        private Expression<Func<T, bool>> After(bool descending, TKey value, long lastId)
        {
            var k = key.Body;
            var v = Box<TKey>.Of(value);
            var isText = typeof(TKey) == typeof(string);
            var left = isText ? Expression.Call(StringCompare, k, v) : k;
            var right = isText ? Expression.Constant(0) : v;
            var within = descending ? Expression.LessThanOrEqual(left, right) : Expression.GreaterThanOrEqual(left, right);
            var beyond = descending ? Expression.LessThan(left, right) : Expression.GreaterThan(left, right);
            var next = Expression.AndAlso(within, Expression.OrElse(beyond, IdAfter(id, descending != idOpposite, lastId).Body));
            return Expression.Lambda<Func<T, bool>>(next, key.Parameters);
        }
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

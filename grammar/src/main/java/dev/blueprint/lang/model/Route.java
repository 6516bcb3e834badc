package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;
import java.util.List;

/**
 * {@code route GET "/path/{p}" -> Entity[] where f == $p and … order by f desc limit n}.
 * {@code order} is null without {@code order by}; {@code limit} is null without {@code limit};
 * {@code access} is null without {@code public} or {@code requires}.
 */
public record Route(
        Name method,
        String path,
        Span pathSpan,
        Name entity,
        boolean many,
        List<Condition> where,
        OrderBy order,
        Limit limit,
        Access access,
        Span span)
        implements ApiMember {
    public Route {
        where = List.copyOf(where);
    }

    /** {@code field == $param}. */
    public record Condition(Name field, Name param, Span span) implements Node {}

    /** {@code order by field asc|desc}. */
    public record OrderBy(Name field, boolean descending, Span span) implements Node {}

    /** {@code limit n}. */
    public record Limit(int value, Span span) implements Node {}
}

namespace CardActors.Grains.Persistence;

internal static class Paging
{
    public static void Check(int offset, int limit, int maxLimit)
    {
        var problems = new Dictionary<string, string[]>();
        if (offset < 0)
        {
            problems["offset"] = ["must be 0 or more"];
        }

        if (limit < 1 || limit > maxLimit)
        {
            problems["limit"] = [$"must be 1–{maxLimit}"];
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
    }
}

using System.Reflection;
using CardActors.Grains.StateMachines;

namespace CardActors.Grains.Tests;

/// <summary>The code's state tables and docs/card-lifecycle.md's use-case tables say the same, both ways.</summary>
public sealed class StateTableTests
{
    // Rows whose use-case cell has no symbolic name: card-lifecycle.md names them in words.
    private static readonly Dictionary<string, string[]> s_unnamedRows = new(StringComparer.Ordinal)
    {
        ["Approve / reject request"] = [UseCases.CardsProcApproveRequest, UseCases.CardsProcRejectRequest],
        ["Status from the card bureau"] = [UseCases.CardsAddonExtProdProcUpdate],
        ["Activate a card made by the bureau"] = [UseCases.CardsAddonExtProdProcActivate],
        ["Expiry"] = [UseCases.TempCardsExpire],
    };

    private static readonly HashSet<string> s_symbolicNames =
        [.. typeof(UseCases).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    public static TheoryData<string> Sections => new() { "Cards (permanent", "Temporary cards" };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_domain_row_is_in_the_code_table_with_the_same_states(string section)
    {
        var table = TableOf(section);
        var rows = DomainDocument.ReadTable(section);
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var useCases = UseCasesOf(row);
            var (from, to) = StatesOf(row, table.Start);
            var code = table.Transitions.Where(t => t.Origin == TransitionOrigin.Domain && useCases.Contains(t.UseCase)).ToList();
            Assert.True(code.Count > 0, $"card-lifecycle.md row '{row.UseCase}' ({string.Join(", ", useCases)}) has no row in the {table.Kind} table");
            Assert.Equal(Sorted(from), Sorted(code.SelectMany(t => t.From)));
            Assert.Equal(Sorted(to), Sorted(code.Select(t => t.To)));
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_code_row_is_in_domain_md_or_says_why_not(string section)
    {
        var table = TableOf(section);
        var documented = DomainDocument.ReadTable(section).SelectMany(UseCasesOf).ToHashSet();
        foreach (var transition in table.Transitions)
        {
            if (transition.Origin == TransitionOrigin.Domain)
            {
                Assert.True(documented.Contains(transition.UseCase), $"{transition.UseCase} ({string.Join(",", transition.From)} → {transition.To}) is not in card-lifecycle.md's {section} table");
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(transition.Note), $"implied row {transition.UseCase} → {transition.To} must say why");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void The_states_are_those_of_domain_md(string section)
    {
        var table = TableOf(section);
        Assert.Equal(Sorted(DomainDocument.ReadStates(section)), Sorted(table.States.Where(s => s != CardState.None)));
    }

    [Fact]
    public void Every_configurable_use_case_has_a_row()
    {
        foreach (var kind in Enum.GetValues<CardKind>())
        {
            foreach (var useCase in UseCases.Configurable(kind))
            {
                Assert.Contains(useCase, CardStateTables.For(kind).UseCases);
            }
        }
    }

    private static CardStateTable TableOf(string section) => section.StartsWith("Temporary", StringComparison.Ordinal) ? CardStateTables.Temporary : CardStateTables.Permanent;

    private static HashSet<string> UseCasesOf(DomainRow row)
    {
        var named = DomainDocument.Backticked(row.UseCase).Where(s_symbolicNames.Contains).ToHashSet();
        if (named.Count > 0)
        {
            return named;
        }

        return s_unnamedRows.TryGetValue(row.UseCase, out var useCases)
            ? [.. useCases]
            : throw new Xunit.Sdk.XunitException($"card-lifecycle.md row '{row.UseCase}' names no use case the code knows");
    }

    private static (HashSet<CardState> From, HashSet<CardState> To) StatesOf(DomainRow row, CardState start)
    {
        var from = DomainDocument.BacktickedStates(row.From).ToHashSet();
        if (row.From.Contains("user", StringComparison.Ordinal) || row.From.Trim() == "none")
        {
            from.Add(start);
        }

        var to = DomainDocument.BacktickedStates(row.To).ToHashSet();

        // "`in production` → `produced`": the states before an arrow are passed through, so they are from-states too.
        var arrow = row.To.LastIndexOf('→');
        if (arrow > 0)
        {
            from.UnionWith(DomainDocument.BacktickedStates(row.To[..arrow]));
        }

        return (from, to);
    }

    private static List<CardState> Sorted(IEnumerable<CardState> states) => [.. states.Distinct().Order()];
}

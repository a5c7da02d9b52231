using Orleans.Configuration;

namespace CardActors.Silo;

/*
 * The failure detector of a production-line cluster.
 *
 * Orleans' defaults (probe timeout 5 s, 3 missed probes) take about 10 s to declare a silo that was
 * killed dead; until then every call to its grains fails, and the stations of a line stand still. A
 * line wants its grains back within 5 s. Two missed probes of 1.5 s each, plus the vote, come to
 * about 3–4 s.
 *
 * Shorter would misjudge a loaded silo: on 2 cores a silo under full load answers probes late.
 * Three guards stay on: indirect probes (a silo is voted dead only when another silo cannot reach
 * it either), two votes for a death, and the local health monitor, which discounts the votes of a
 * silo that is itself struggling.
 */
internal static class ClusterTuning
{
    public static void ForProductionLine(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1.5);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 2;
        options.EnableIndirectProbes = true;
    }
}

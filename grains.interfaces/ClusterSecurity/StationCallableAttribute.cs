namespace CardActors.Grains.ClusterSecurity;

/// <summary>
/// A grain interface a station (a cluster client with a <see cref="ClusterRole.Station"/> certificate)
/// may call. A station's call to any other interface is refused by the silo, whatever it proves.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class StationCallableAttribute : Attribute;

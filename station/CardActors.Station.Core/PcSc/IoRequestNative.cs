using System.Runtime.InteropServices;

namespace CardActors.Station.PcSc;

/// <summary><c>SCARD_IO_REQUEST</c>: the protocol and the struct's own length, 16 bytes on Linux x86-64.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoRequestNative
{
    public nuint Protocol;
    public nuint PciLength;
}

using System.Net;
using System.Net.Sockets;

namespace Muster.Watching;

/// <summary>
/// Which network addresses the watcher may connect to. A page's links and redirects are chosen by whoever serves
/// them, so without this a feed could point Muster at the machine's own services or the local network. The check
/// is made on the address actually connected to, after name resolution, so a name that resolves to a private
/// address is refused as well.
/// </summary>
public static class AddressGuard
{
    /// <summary>Why <paramref name="address"/> is not public (loopback, private, link-local, ...), or null when it is.</summary>
    public static string? NonPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address))
            return "a loopback address";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "an unspecified address",
                10 => "a private address",
                100 when b[1] >= 64 && b[1] < 128 => "a shared (carrier-grade NAT) address",
                169 when b[1] == 254 => "a link-local address",
                172 when b[1] >= 16 && b[1] < 32 => "a private address",
                192 when b[1] == 168 => "a private address",
                192 when b[1] == 0 && b[2] == 0 => "a reserved address",
                198 when b[1] is 18 or 19 => "a benchmarking address",
                >= 224 => "a multicast or reserved address",
                _ => null,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
                return "an unspecified address";
            var b = address.GetAddressBytes();
            if ((b[0] & 0xFE) == 0xFC)
                return "a private (unique local) address";
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
                return "a link-local address";
            if (address.IsIPv6Multicast)
                return "a multicast address";
            return null;
        }
        return "not an internet address";
    }
}

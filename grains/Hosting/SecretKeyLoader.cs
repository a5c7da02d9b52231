using System.Security.Cryptography;

namespace CardActors.Grains.Hosting;

/// <summary>The AES key for PUKs and management keys: configured, or generated once into a key file; never in code.</summary>
internal static class SecretKeyLoader
{
    public static byte[] Load(CardActorsDomainOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SecretKey))
        {
            var key = Convert.FromBase64String(options.SecretKey);
            return key.Length == 32 ? key : throw new InvalidOperationException($"{CardActorsDomainOptions.SectionName}:SecretKey must be base64 of 32 bytes, not {key.Length}.");
        }

        if (string.IsNullOrWhiteSpace(options.SecretKeyFile))
        {
            throw new InvalidOperationException($"Set {CardActorsDomainOptions.SectionName}:SecretKey (base64 of 32 random bytes) or {CardActorsDomainOptions.SectionName}:SecretKeyFile: PUKs are kept encrypted with it.");
        }

        var path = Path.GetFullPath(options.SecretKeyFile);
        if (File.Exists(path))
        {
            var stored = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return stored.Length == 32 ? stored : throw new InvalidOperationException($"The key file {path} must hold base64 of 32 bytes.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var generated = RandomNumberGenerator.GetBytes(32);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the silo's user only, from the moment it exists.
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, create))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(generated));
        }

        return generated;
    }
}

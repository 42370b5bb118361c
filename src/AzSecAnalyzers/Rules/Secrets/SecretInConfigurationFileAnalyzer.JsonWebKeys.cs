using AzSecAnalyzers.Infrastructure.ConfigFiles;
using AzSecAnalyzers.Infrastructure.Secrets;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>AZSEC104: private keys stored as JSON Web Key members (<c>"d"</c>, <c>"p"</c>, <c>"q"</c>, … beside <c>"kty"</c>).</summary>
public sealed partial class SecretInConfigurationFileAnalyzer
{
    /// <summary>
    /// The JSON Web Keys of one file: objects with a <c>kty</c> member. Their private members (RFC 7518: <c>d</c>,
    /// <c>p</c>, <c>q</c>, <c>dp</c>, <c>dq</c>, <c>qi</c> of RSA, <c>d</c> of EC and OKP, <c>k</c> of a symmetric key) are the
    /// key itself; the public members (<c>n</c>, <c>e</c>, <c>x</c>, <c>y</c>) are not secret. One finding per key.
    /// </summary>
    private sealed class JsonWebKeys
    {
        private static readonly JsonWebKeys None = new(null);

        private static readonly string[] RsaPrivateMembers = { "d", "p", "q", "dp", "dq", "qi" };

        private readonly Dictionary<string, string>? _keyTypes;
        private HashSet<string>? _reported;

        private JsonWebKeys(Dictionary<string, string>? keyTypes) => _keyTypes = keyTypes;

        public static JsonWebKeys Find(List<ConfigurationEntry> entries)
        {
            Dictionary<string, string>? keyTypes = null;
            foreach (var entry in entries)
            {
                if (!entry.IsName && LastSegment(entry.Path) == "kty")
                {
                    (keyTypes ??= new Dictionary<string, string>(StringComparer.Ordinal))[Parent(entry.Path)] = entry.Value.Trim();
                }
            }

            return keyTypes is null ? None : new JsonWebKeys(keyTypes);
        }

        /// <summary>What the entry is when it is the first private member of a JSON Web Key, else null.</summary>
        public string? Judge(ConfigurationEntry entry)
        {
            if (_keyTypes is null || entry.IsName)
            {
                return null;
            }

            var parent = Parent(entry.Path);
            if (!_keyTypes.TryGetValue(parent, out var keyType)
                || KindOf(keyType, LastSegment(entry.Path)) is not { } kind
                || !IsKeyMaterial(entry.Value, 0, entry.Value.Length)
                || !(_reported ??= new HashSet<string>(StringComparer.Ordinal)).Add(parent))
            {
                return null;
            }

            return kind + " (JSON Web Key member '" + LastSegment(entry.Path) + "')";
        }

        /// <summary>A JSON Web Key written as JSON text inside one value (<c>"{\"kty\":\"RSA\",\"d\":\"…\"}"</c>).</summary>
        public static string? IsPrivateJwkText(string value)
        {
            if (value.IndexOf("\"kty\"", StringComparison.Ordinal) < 0)
            {
                return null;
            }

            foreach (var member in new[] { "d", "k" })
            {
                var index = value.IndexOf("\"" + member + "\"", StringComparison.Ordinal);
                if (index < 0)
                {
                    continue;
                }

                var start = index + member.Length + 2;
                while (start < value.Length && (value[start] is ':' or '"' || char.IsWhiteSpace(value[start])))
                {
                    start++;
                }

                var end = start;
                while (end < value.Length && value[end] != '"')
                {
                    end++;
                }

                if (IsKeyMaterial(value, start, end - start))
                {
                    return (member == "k" ? "Symmetric key" : "Private key") + " (JSON Web Key with member '" + member + "')";
                }
            }

            return null;
        }

        private static string? KindOf(string keyType, string member) => keyType switch
        {
            "RSA" when Array.IndexOf(RsaPrivateMembers, member) >= 0 => "RSA private key",
            "EC" when member == "d" => "EC private key",
            "OKP" when member == "d" => "EdDSA private key",
            "oct" when member == "k" => "Symmetric key",
            _ => null,
        };

        /// <summary>Base64url key material, long enough to be a key (not a placeholder such as <c>"&lt;d&gt;"</c> or <c>"..."</c>).</summary>
        private static bool IsKeyMaterial(string text, int start, int length)
        {
            if (length < 16 || SecretValues.IsPlaceholder(text.Substring(start, length)))
            {
                return false;
            }

            for (var i = start; i < start + length; i++)
            {
                var c = text[i];
                if (!char.IsLetterOrDigit(c) && c is not ('-' or '_' or '+' or '/' or '='))
                {
                    return false;
                }
            }

            return SecretValues.Entropy(text, start, length) >= 3.5;
        }

        private static string LastSegment(string path)
        {
            var colon = path.LastIndexOf(':');
            return colon < 0 ? path : path.Substring(colon + 1);
        }

        private static string Parent(string path)
        {
            var colon = path.LastIndexOf(':');
            return colon < 0 ? string.Empty : path.Substring(0, colon);
        }
    }
}

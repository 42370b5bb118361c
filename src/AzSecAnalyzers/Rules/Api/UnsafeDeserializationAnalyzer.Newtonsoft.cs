using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>AZSEC411's Newtonsoft.Json part: the binder and write-only exemptions, the input a settings object reads, and its one-hop notion of "the same settings object".</summary>
public sealed partial class UnsafeDeserializationAnalyzer
{
    private static bool HasRestrictiveBinder(SameObject aliases, Newtonsoft newtonsoft)
    {
        foreach (var operation in aliases.Root.Descendants())
        {
            if (operation is ISimpleAssignmentOperation
                {
                    Target: IPropertyReferenceOperation { Property.Name: "SerializationBinder" or "Binder", Instance: { } instance } target,
                } binderAssignment
                && newtonsoft.IsSettingsOrSerializer(target.Property.ContainingType)
                && aliases.Matches(instance)
                && IsRestrictiveBinder(binderAssignment.Value, newtonsoft))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Settings only ever used to write JSON (<c>JsonConvert.SerializeObject(o, new JsonSerializerSettings { … })</c>,
    /// or a local passed only to <c>Serialize*</c> calls): writing <c>$type</c> is harmless, reading it is the danger.
    /// </summary>
    private static bool OnlySerializes(SameObject aliases)
    {
        if (aliases.Creation is { } creation && IsSerializeArgument(creation))
        {
            return true;
        }

        if (aliases.Symbol is not ILocalSymbol local)
        {
            return false;
        }

        var serialized = false;
        foreach (var operation in aliases.Root.Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local) || reference.IsDeclaration)
            {
                continue;
            }

            if (reference.Parent is IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation configured } && configured.Target == reference.Parent)
            {
                continue; // settings.X = … configures, it does not use
            }

            if (!IsSerializeArgument(reference))
            {
                return false;
            }

            serialized = true;
        }

        return serialized;
    }

    private static bool IsSerializeArgument(IOperation value)
    {
        return value.WalkUpConversions().Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
               && invocation.TargetMethod.Name.StartsWith("Serialize", System.StringComparison.Ordinal);
    }

    private static bool IsRestrictiveBinder(IOperation value, Newtonsoft newtonsoft)
    {
        var binder = value.WalkDownConversionsAndDelegates();
        if (binder.ConstantValue.HasValue || binder.Type is null)
        {
            return false; // null
        }

        return newtonsoft.DefaultBinder is null || !SymbolEqualityComparer.Default.Equals(binder.Type, newtonsoft.DefaultBinder);
    }

    private static string? DeserializedInput(SameObject aliases, Newtonsoft newtonsoft, MessageBodies bodies)
    {
        foreach (var operation in aliases.Root.Descendants())
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            var method = invocation.TargetMethod;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, newtonsoft.JsonConvert) && JsonConvertReads.Contains(method.Name))
            {
                if (Argument(invocation, newtonsoft.Settings) is { } settings && aliases.Matches(settings) && invocation.Arguments.Length > 0)
                {
                    return bodies.Describe(invocation.Arguments[0].Value);
                }
            }
            else if (newtonsoft.IsSerializer(method.ContainingType)
                     && method.Name is "Deserialize" or "Populate"
                     && invocation.Instance is { } serializer
                     && invocation.Arguments.Length > 0
                     && (aliases.Matches(serializer) || CreatedFromAlias(serializer, aliases, newtonsoft)))
            {
                return bodies.Describe(invocation.Arguments[0].Value);
            }
        }

        return null;
    }

    // JsonSerializer.Create(settings).Deserialize(…), directly or through a local.
    private static bool CreatedFromAlias(IOperation serializer, SameObject aliases, Newtonsoft newtonsoft)
    {
        var value = serializer.WalkDownConversionsAndDelegates();
        if (value is ILocalReferenceOperation local)
        {
            // Policy: any value the local is given (initializer or assignment) that is such a call.
            foreach (var write in SymbolWrites.Of(local.Local, aliases.Root))
            {
                if (write.Value is { } assigned && IsCreateFrom(assigned.WalkDownConversionsAndDelegates(), aliases, newtonsoft))
                {
                    return true;
                }
            }

            return false;
        }

        return IsCreateFrom(value, aliases, newtonsoft);
    }

    private static bool IsCreateFrom(IOperation value, SameObject aliases, Newtonsoft newtonsoft)
        => value is IInvocationOperation { TargetMethod.Name: "Create" or "CreateDefault" } create
           && newtonsoft.IsSerializer(create.TargetMethod.ContainingType)
           && Argument(create, newtonsoft.Settings) is { } settings
           && aliases.Matches(settings);

    private static IOperation? Argument(IInvocationOperation invocation, INamedTypeSymbol type)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, type))
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// This rule's judgement of a settings object, for AZSEC414: a <c>JsonConvert</c> read whose settings (a local, a
    /// parameter or an inline creation in the same body) set a <c>TypeNameHandling</c> other than <c>None</c> with no
    /// restrictive binder lets the text it reads name the types to create.
    /// </summary>
    internal sealed class TypeNameReads
    {
        private readonly Newtonsoft _newtonsoft;

        private TypeNameReads(Newtonsoft newtonsoft) => _newtonsoft = newtonsoft;

        public static TypeNameReads? Create(AzSecContext types)
            => Newtonsoft.Create(types) is { JsonConvert: not null } newtonsoft ? new TypeNameReads(newtonsoft) : null;

        /// <summary>The text argument of <paramref name="invocation"/> when it is such a read, with the handling's name; otherwise null.</summary>
        public IOperation? TextOf(IInvocationOperation invocation, out string handling)
        {
            handling = string.Empty;
            var method = invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, _newtonsoft.JsonConvert)
                || !JsonConvertReads.Contains(method.Name)
                || Argument(invocation, _newtonsoft.Settings) is not { } settings
                || invocation.Arguments.Length == 0
                || invocation.Arguments[0].Parameter?.Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var value = settings.WalkDownConversionsAndDelegates();
            if (value is IObjectCreationOperation { Initializer: { } initializer })
            {
                string? inline = null;
                foreach (var initialized in initializer.Initializers)
                {
                    if (initialized is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } set)
                    {
                        continue;
                    }

                    if (name is "SerializationBinder" or "Binder" && IsRestrictiveBinder(set.Value, _newtonsoft))
                    {
                        return null;
                    }

                    inline ??= name == "TypeNameHandling" ? UnsafeHandling(set.Value, _newtonsoft) : null;
                }

                handling = inline ?? string.Empty;
                return inline is null ? null : invocation.Arguments[0].Value;
            }

            var aliases = SameObject.For(value);
            if (aliases.Symbol is null || HasRestrictiveBinder(aliases, _newtonsoft))
            {
                return null;
            }

            foreach (var operation in aliases.Root.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "TypeNameHandling", Instance: { } instance } target } assignment
                    && _newtonsoft.IsSettingsOrSerializer(target.Property.ContainingType)
                    && aliases.Matches(instance)
                    && UnsafeHandling(assignment.Value, _newtonsoft) is { } found)
                {
                    handling = found;
                    return invocation.Arguments[0].Value;
                }
            }

            return null;
        }
    }

    private sealed class Newtonsoft
    {
        public Newtonsoft(INamedTypeSymbol settings, INamedTypeSymbol serializer, INamedTypeSymbol typeNameHandling, INamedTypeSymbol? jsonConvert, INamedTypeSymbol? defaultBinder, INamedTypeSymbol? propertyAttribute, INamedTypeSymbol? containerAttribute)
        {
            Settings = settings;
            Serializer = serializer;
            TypeNameHandling = typeNameHandling;
            JsonConvert = jsonConvert;
            DefaultBinder = defaultBinder;
            PropertyAttribute = propertyAttribute;
            ContainerAttribute = containerAttribute;
        }

        public INamedTypeSymbol Settings { get; }

        public INamedTypeSymbol Serializer { get; }

        public INamedTypeSymbol TypeNameHandling { get; }

        public INamedTypeSymbol? JsonConvert { get; }

        public INamedTypeSymbol? DefaultBinder { get; }

        public INamedTypeSymbol? PropertyAttribute { get; }

        public INamedTypeSymbol? ContainerAttribute { get; }

        public static Newtonsoft? Create(AzSecContext types)
        {
            var settings = types.Get(WellKnownTypeNames.JsonSerializerSettings);
            var serializer = types.Get(WellKnownTypeNames.NewtonsoftJsonSerializer);
            var handling = types.Get(WellKnownTypeNames.TypeNameHandling);
            return settings is null || serializer is null || handling is null
                ? null
                : new Newtonsoft(
                    settings,
                    serializer,
                    handling,
                    types.Get(WellKnownTypeNames.JsonConvert),
                    types.Get(WellKnownTypeNames.DefaultSerializationBinder),
                    types.Get(WellKnownTypeNames.JsonPropertyAttribute),
                    types.Get(WellKnownTypeNames.JsonContainerAttribute));
        }

        public bool IsSerializer(INamedTypeSymbol? type) => TypeIdentity.IsOrInherits(type, Serializer);

        public bool IsSettingsOrSerializer(INamedTypeSymbol? type) => TypeIdentity.IsOrInherits(type, Settings) || TypeIdentity.IsOrInherits(type, Serializer);
    }

    /// <summary>
    /// One settings or serializer object as seen in one body: the object creation whose initializer
    /// sets it, and the local, field or parameter holding it. Not alias analysis: one hop each way.
    /// </summary>
    private sealed class SameObject
    {
        private readonly IObjectCreationOperation? _creation;
        private readonly ISymbol? _symbol;
        private readonly SyntaxNode? _instanceSyntax;

        private SameObject(IOperation root, IObjectCreationOperation? creation, ISymbol? symbol, SyntaxNode? instanceSyntax)
        {
            Root = root;
            _creation = creation;
            _symbol = symbol;
            _instanceSyntax = instanceSyntax;
        }

        public IOperation Root { get; }

        /// <summary>The object creation whose initializer configures the object, when seen.</summary>
        public IObjectCreationOperation? Creation => _creation;

        /// <summary>The local, field or parameter holding the object, when there is one.</summary>
        public ISymbol? Symbol => _symbol;

        public static SameObject For(IOperation instance)
        {
            var root = instance.Root();
            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                var creation = FindCreation(instance);
                return new SameObject(root, creation, creation is null ? null : creation.StoredInto(), null);
            }

            var symbol = instance.ReferencedSymbol();
            IObjectCreationOperation? created = null;
            if (symbol is ILocalSymbol local)
            {
                // Policy: the first object creation the local is given (initializer or assignment).
                foreach (var write in SymbolWrites.Of(local, root))
                {
                    created ??= write.Value?.WalkDownConversionsAndDelegates() as IObjectCreationOperation;
                }
            }

            // o.SerializerSettings in AddNewtonsoftJson(o => …): compared by its text.
            return new SameObject(root, created, symbol, symbol is null ? instance.Syntax : null);
        }

        public bool Matches(IOperation instance)
        {
            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                return _creation is not null && FindCreation(instance) == _creation;
            }

            var value = instance.WalkDownConversionsAndDelegates();
            if (_creation is not null && value == _creation)
            {
                return true;
            }

            if (_symbol is not null)
            {
                return SymbolEqualityComparer.Default.Equals(value.ReferencedSymbol(), _symbol);
            }

            return _instanceSyntax is not null && instance.Syntax.IsEquivalentTo(_instanceSyntax, topLevel: false);
        }

        private static IObjectCreationOperation? FindCreation(IOperation implicitReceiver)
        {
            for (var current = implicitReceiver.Parent; current is not null; current = current.Parent)
            {
                if (current is IObjectCreationOperation creation)
                {
                    return creation;
                }
            }

            return null;
        }
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC411: a deserializer that lets the data choose the types to create. Newtonsoft.Json
/// <c>TypeNameHandling</c> other than <c>None</c> (settings and serializer properties, constants
/// through locals, <c>[JsonProperty]</c>/container attributes), silent when a restrictive
/// <c>SerializationBinder</c> is set on the same object in the same body; <c>BinaryFormatter</c> and
/// the other type-embedding formatters (creation, or the <c>Deserialize</c> call when the formatter
/// is deserialized from in the same body); <c>JavaScriptSerializer</c> with <c>SimpleTypeResolver</c>.
/// The message says when the input is an Azure message body.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsafeDeserializationAnalyzer : AzSecAnalyzer
{
    /// <summary>Diagnostic property telling the fixer which case it is: only <see cref="KindTypeNameHandling"/> has a fix.</summary>
    public const string KindProperty = "Kind";

    public const string KindTypeNameHandling = "TypeNameHandling";

    public const string KindFormatter = "Formatter";

    public const string KindTypeResolver = "TypeResolver";

    private const string ExternalData = "the serialized data";

    private static readonly ImmutableDictionary<string, string?> TypeNameHandlingProperties =
        ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindTypeNameHandling);

    private static readonly ImmutableDictionary<string, string?> FormatterProperties =
        ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindFormatter);

    private static readonly ImmutableDictionary<string, string?> TypeResolverProperties =
        ImmutableDictionary<string, string?>.Empty.Add(KindProperty, KindTypeResolver);

    private static readonly ImmutableHashSet<string> DeserializeMethods = ImmutableHashSet.Create(
        "Deserialize", "UnsafeDeserialize", "UnsafeDeserializeMethodResponse", "ReadObject");

    private static readonly ImmutableHashSet<string> JsonConvertReads = ImmutableHashSet.Create(
        "DeserializeObject", "PopulateObject", "DeserializeAnonymousType");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC411_UnsafeDeserialization);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var bodies = MessageBodies.Create(types);
        var newtonsoft = Newtonsoft.Create(types);
        if (newtonsoft is not null)
        {
            context.RegisterOperationAction(c => AnalyzeAssignment(c, newtonsoft, bodies), OperationKind.SimpleAssignment);
            if (newtonsoft.PropertyAttribute is not null || newtonsoft.ContainerAttribute is not null)
            {
                context.RegisterSyntaxNodeAction(c => AnalyzeAttributeArgument(c, newtonsoft), SyntaxKind.AttributeArgument);
            }
        }

        var formatters = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in new[]
        {
            WellKnownTypeNames.BinaryFormatter, WellKnownTypeNames.NetDataContractSerializer, WellKnownTypeNames.SoapFormatter,
            WellKnownTypeNames.LosFormatter, WellKnownTypeNames.ObjectStateFormatter,
        })
        {
            if (types.Get(name) is { } formatter)
            {
                formatters.Add(formatter);
            }
        }

        var javaScriptSerializer = types.Get(WellKnownTypeNames.JavaScriptSerializer);
        var simpleTypeResolver = types.Get(WellKnownTypeNames.SimpleTypeResolver);
        var resolver = javaScriptSerializer is not null && simpleTypeResolver is not null ? (javaScriptSerializer, simpleTypeResolver) : default;
        if (formatters.Count == 0 && resolver == default)
        {
            return;
        }

        var formatterTypes = formatters.ToImmutable();
        if (formatterTypes.Length > 0)
        {
            context.RegisterOperationAction(c => AnalyzeDeserializeCall(c, formatterTypes, bodies), OperationKind.Invocation);
        }

        context.RegisterOperationAction(c => AnalyzeCreation(c, formatterTypes, resolver), OperationKind.ObjectCreation);
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, Newtonsoft newtonsoft, MessageBodies bodies)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "TypeNameHandling", Instance: { } instance } target
            || !newtonsoft.IsSettingsOrSerializer(target.Property.ContainingType)
            || UnsafeHandling(assignment.Value, newtonsoft) is not { } handling)
        {
            return;
        }

        var aliases = SameObject.For(instance);
        if (HasRestrictiveBinder(aliases, newtonsoft))
        {
            return;
        }

        var input = DeserializedInput(aliases, newtonsoft, bodies) ?? ExternalData;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC411_UnsafeDeserialization,
            assignment.Value.Syntax.GetLocation(),
            TypeNameHandlingProperties,
            $"'TypeNameHandling.{handling}' on {target.Property.ContainingType.Name}",
            input,
            "use TypeNameHandling.None, or set a SerializationBinder that allows only known types"));
    }

    private static void AnalyzeAttributeArgument(SyntaxNodeAnalysisContext context, Newtonsoft newtonsoft)
    {
        var argument = (AttributeArgumentSyntax)context.Node;
        if (argument.NameEquals?.Name.Identifier.ValueText is not ("TypeNameHandling" or "ItemTypeNameHandling") || argument.Parent?.Parent is not AttributeSyntax attribute)
        {
            return;
        }

        var model = context.SemanticModel;
        if (model.GetTypeInfo(attribute, context.CancellationToken).Type is not INamedTypeSymbol attributeType
            || !(Inherits(attributeType, newtonsoft.PropertyAttribute) || Inherits(attributeType, newtonsoft.ContainerAttribute))
            || model.GetConstantValue(argument.Expression, context.CancellationToken) is not { HasValue: true, Value: int value }
            || value == 0)
        {
            return;
        }

        var name = argument.NameEquals.Name.Identifier.ValueText;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC411_UnsafeDeserialization,
            argument.Expression.GetLocation(),
            TypeNameHandlingProperties,
            $"'{name} = TypeNameHandling.{HandlingName(newtonsoft, value)}' on [{TrimAttribute(attributeType.Name)}]",
            ExternalData,
            $"remove {name} or use TypeNameHandling.None"));
    }

    private static void AnalyzeDeserializeCall(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> formatters, MessageBodies bodies)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!DeserializeMethods.Contains(invocation.TargetMethod.Name)
            || invocation.Instance is null
            || FormatterOf(invocation.TargetMethod.ContainingType, formatters) is not { } formatter
            || invocation.Arguments.Length == 0)
        {
            return;
        }

        var input = bodies.Describe(invocation.Arguments[0].Value) ?? ExternalData;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC411_UnsafeDeserialization,
            invocation.Syntax.MemberNameLocation(),
            FormatterProperties,
            $"{formatter.Name}.{invocation.TargetMethod.Name}",
            input,
            FormatterFix(formatter)));
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, ImmutableArray<INamedTypeSymbol> formatters, (INamedTypeSymbol Serializer, INamedTypeSymbol Resolver) resolver)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol type)
        {
            return;
        }

        if (FormatterOf(type, formatters) is { } formatter)
        {
            if (!IsDeserializedFromInSameBody(creation))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AZSEC411_UnsafeDeserialization,
                    creation.Syntax.GetLocation(),
                    FormatterProperties,
                    formatter.Name,
                    ExternalData,
                    FormatterFix(formatter)));
            }

            return;
        }

        if (resolver != default
            && Inherits(type, resolver.Serializer)
            && creation.Arguments.Length > 0
            && Inherits(creation.Arguments[0].Value.WalkDownConversionsAndDelegates().Type as INamedTypeSymbol, resolver.Resolver))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC411_UnsafeDeserialization,
                creation.Arguments[0].Syntax.GetLocation(),
                TypeResolverProperties,
                "JavaScriptSerializer with SimpleTypeResolver",
                ExternalData,
                "construct JavaScriptSerializer without a type resolver, or move to System.Text.Json"));
        }
    }

    /// <summary>The constant TypeNameHandling name when <paramref name="value"/> is (or is a local only assigned) a non-None constant.</summary>
    private static string? UnsafeHandling(IOperation value, Newtonsoft newtonsoft)
    {
        if (value.ConstantValue is { HasValue: true, Value: int constant })
        {
            return constant == 0 ? null : HandlingName(newtonsoft, constant);
        }

        if (value.WalkDownConversionsAndDelegates() is ILocalReferenceOperation local)
        {
            foreach (var assigned in LocalValues.Of(local.Local, value.Root()))
            {
                if (assigned.ConstantValue is { HasValue: true, Value: int assignedConstant } && assignedConstant != 0)
                {
                    return HandlingName(newtonsoft, assignedConstant);
                }
            }
        }

        return null;
    }

    private static string HandlingName(Newtonsoft newtonsoft, int value)
    {
        foreach (var member in newtonsoft.TypeNameHandling.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: int fieldValue } field && fieldValue == value)
            {
                return field.Name;
            }
        }

        return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

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
            foreach (var assigned in LocalValues.Of(local.Local, aliases.Root))
            {
                if (IsCreateFrom(assigned.WalkDownConversionsAndDelegates(), aliases, newtonsoft))
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

    // new BinaryFormatter().Deserialize(s), or var f = new BinaryFormatter(); … f.Deserialize(s): the call is reported instead.
    private static bool IsDeserializedFromInSameBody(IObjectCreationOperation creation)
    {
        IOperation current = creation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is IInvocationOperation parent && parent.Instance == current)
        {
            return DeserializeMethods.Contains(parent.TargetMethod.Name);
        }

        if (LocalValues.StoredInto(creation) is not ILocalSymbol local)
        {
            return false;
        }

        foreach (var operation in creation.Root().Descendants())
        {
            if (operation is IInvocationOperation { Instance: { } instance } invocation
                && DeserializeMethods.Contains(invocation.TargetMethod.Name)
                && instance.WalkDownConversionsAndDelegates() is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    private static INamedTypeSymbol? FormatterOf(INamedTypeSymbol? type, ImmutableArray<INamedTypeSymbol> formatters)
    {
        foreach (var formatter in formatters)
        {
            if (Inherits(type, formatter))
            {
                return formatter;
            }
        }

        return null;
    }

    private static string FormatterFix(INamedTypeSymbol formatter) => formatter.Name switch
    {
        "NetDataContractSerializer" => "use DataContractSerializer with known types, or System.Text.Json",
        "LosFormatter" or "ObjectStateFormatter" => "keep view state MAC validation on and do not deserialize client data with it; store the data server-side or use System.Text.Json",
        _ => "use System.Text.Json, or DataContractSerializer with known types",
    };

    private static string TrimAttribute(string name)
        => name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;

    private static bool Inherits(INamedTypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null && expected is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, expected))
            {
                return true;
            }
        }

        return false;
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

        public static Newtonsoft? Create(KnownTypes types)
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

        public bool IsSerializer(INamedTypeSymbol? type) => Inherits(type, Serializer);

        public bool IsSettingsOrSerializer(INamedTypeSymbol? type) => Inherits(type, Settings) || Inherits(type, Serializer);
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

        public static SameObject For(IOperation instance)
        {
            var root = instance.Root();
            if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                var creation = FindCreation(instance);
                return new SameObject(root, creation, creation is null ? null : LocalValues.StoredInto(creation), null);
            }

            var symbol = LocalValues.ReferencedSymbol(instance);
            IObjectCreationOperation? created = null;
            if (symbol is ILocalSymbol local)
            {
                foreach (var assigned in LocalValues.Of(local, root))
                {
                    created ??= assigned.WalkDownConversionsAndDelegates() as IObjectCreationOperation;
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
                return SymbolEqualityComparer.Default.Equals(LocalValues.ReferencedSymbol(value), _symbol);
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

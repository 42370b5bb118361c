using System.Globalization;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Evaluates a SAS expiry written relative to the current time, in hours from now:
/// <c>DateTimeOffset.UtcNow.AddDays(365)</c>, <c>DateTime.Now.AddHours(12)</c>, <c>UtcNow + TimeSpan.FromDays(30)</c>,
/// <c>UtcNow.Add(new TimeSpan(7, 0, 0, 0))</c>, <c>DateTimeOffset.MaxValue</c> (infinite), with the numbers written as
/// literals, constants or locals holding one. Anything else (a fixed date, configuration, a parameter) is unknown.
/// </summary>
internal sealed class SasExpiry
{
    private const double HoursPerDay = 24;
    private const double MaxMagnitude = 1e8;

    private readonly INamedTypeSymbol? _dateTimeOffset;
    private readonly INamedTypeSymbol? _dateTime;
    private readonly INamedTypeSymbol? _timeSpan;

    public SasExpiry(INamedTypeSymbol? dateTimeOffset, INamedTypeSymbol? dateTime, INamedTypeSymbol? timeSpan)
    {
        _dateTimeOffset = dateTimeOffset;
        _dateTime = dateTime;
        _timeSpan = timeSpan;
    }

    /// <summary>Hours from now, <see cref="double.PositiveInfinity"/> for MaxValue, null when not known at compile time.</summary>
    public double? HoursFromNow(IOperation value) => HoursFromNow(value, depth: 0);

    /// <summary>"365", "8.5": days with at most one decimal, invariant culture.</summary>
    public static string FormatDays(double hours)
    {
        var days = Math.Round(hours / HoursPerDay, 1);
        return days.ToString(days == Math.Floor(days) ? "0" : "0.0", CultureInfo.InvariantCulture);
    }

    private double? HoursFromNow(IOperation value, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        value = SymbolWrites.FollowOnlyInitializers(value);
        switch (value)
        {
            case IPropertyReferenceOperation { Instance: null, Property.Name: "UtcNow" or "Now" } now when IsDate(now.Property.ContainingType):
                return 0;

            case IFieldReferenceOperation { Instance: null, Field.Name: "MaxValue" } max when IsDate(max.Field.ContainingType):
                return double.PositiveInfinity;

            case IInvocationOperation { Instance: { } instance } call when IsDate(call.TargetMethod.ContainingType) && call.Arguments.Length == 1:
                var start = HoursFromNow(instance, depth + 1);
                if (start is null)
                {
                    return null;
                }

                var delta = call.TargetMethod.Name switch
                {
                    "Add" => SpanHours(call.Arguments[0].Value, depth + 1),
                    "AddYears" => Number(call.Arguments[0].Value) * 365 * HoursPerDay,
                    "AddMonths" => Number(call.Arguments[0].Value) * 30 * HoursPerDay,
                    "AddDays" => Number(call.Arguments[0].Value) * HoursPerDay,
                    "AddHours" => Number(call.Arguments[0].Value),
                    "AddMinutes" => Number(call.Arguments[0].Value) / 60,
                    "AddSeconds" => Number(call.Arguments[0].Value) / 3600,
                    _ => null,
                };
                return start + delta;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary when IsDate(binary.LeftOperand.Type):
                var left = HoursFromNow(binary.LeftOperand, depth + 1);
                var span = SpanHours(binary.RightOperand, depth + 1);
                return binary.OperatorKind == BinaryOperatorKind.Add ? left + span : left - span;

            default:
                return null;
        }
    }

    private double? SpanHours(IOperation value, int depth)
    {
        value = SymbolWrites.FollowOnlyInitializers(value);
        switch (value)
        {
            case IInvocationOperation { Instance: null } call when TypeIdentity.Is(call.TargetMethod.ContainingType, _timeSpan) && ExplicitArguments(call.Arguments) == 1:
                var number = Number(call.Arguments[0].Value);
                return call.TargetMethod.Name switch
                {
                    "FromDays" => number * HoursPerDay,
                    "FromHours" => number,
                    "FromMinutes" => number / 60,
                    "FromSeconds" => number / 3600,
                    _ => null,
                };

            case IObjectCreationOperation creation when TypeIdentity.Is(creation.Type, _timeSpan):
                return Constructed(creation.Arguments);

            case IFieldReferenceOperation { Instance: null, Field.Name: "MaxValue" } max when TypeIdentity.Is(max.Field.ContainingType, _timeSpan):
                return double.PositiveInfinity;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } sum when TypeIdentity.Is(sum.Type, _timeSpan) && depth < 8:
                return SpanHours(sum.LeftOperand, depth + 1) + SpanHours(sum.RightOperand, depth + 1);

            default:
                return null;
        }
    }

    /// <summary><c>new TimeSpan(ticks)</c>, <c>(hours, minutes, seconds)</c>, <c>(days, hours, minutes, seconds[, ms])</c>.</summary>
    private static double? Constructed(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        var values = new double?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = Number(arguments[i].Value);
        }

        return arguments.Length switch
        {
            1 => values[0] / TimeSpan.TicksPerHour,
            3 => values[0] + (values[1] / 60) + (values[2] / 3600),
            >= 4 => (values[0] * HoursPerDay) + values[1] + (values[2] / 60) + (values[3] / 3600),
            _ => null,
        };
    }

    private static int ExplicitArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        var count = 0;
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                count++;
            }
        }

        return count;
    }

    private static double? Number(IOperation value)
    {
        value = SymbolWrites.FollowOnlyInitializers(value);
        if (value.ConstantValue is not { HasValue: true, Value: { } constant })
        {
            return null;
        }

        double? number = constant switch
        {
            int i => i,
            long l => l,
            double d => d,
            float f => f,
            short s => s,
            byte b => b,
            decimal m => (double)m,
            _ => null,
        };

        // Beyond DateTimeOffset's range the call throws at run time: not an expiry worth a message.
        return number is { } finite && Math.Abs(finite) <= MaxMagnitude ? finite : null;
    }

    private bool IsDate(ITypeSymbol? type) => TypeIdentity.Is(type, _dateTimeOffset) || TypeIdentity.Is(type, _dateTime);
}

using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>
/// Reporting for rules whose fix wraps a statement in <c>if (app.Environment.IsDevelopment())</c>
/// (AZSEC408, AZSEC413): where the squiggle goes, and whether the statement can be wrapped as it is.
/// </summary>
internal static class DevelopmentOnly
{
    /// <summary>Fix kind: the flagged call or assignment is a whole statement the fix can wrap.</summary>
    public const string FixWrap = "WrapInDevelopmentCheck";

    /// <summary>What the message tells where an <c>app</c> (or host environment) is at hand.</summary>
    public const string WrapAdvice = "wrap it in if (app.Environment.IsDevelopment())";

    public static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, IOperation operation, params object[] messageArguments)
        => Report(context, descriptor, operation, null, messageArguments);

    public static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, IOperation operation, IEnumerable<Location>? additionalLocations, params object[] messageArguments)
    {
        var location = operation switch
        {
            IInvocationOperation invocation => invocation.Syntax.MemberNameLocation(),
            IAssignmentOperation assignment => assignment.Target.Syntax.MemberNameLocation(),
            _ => operation.Syntax.GetLocation(),
        };

        // Only a statement that is exactly this call or assignment can be wrapped without guarding more than it.
        var wrappable = operation.Parent is IExpressionStatementOperation statement
            && statement.Syntax.Parent is BlockSyntax or GlobalStatementSyntax;
        var properties = FixContract.Properties(wrappable ? FixWrap : null);
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additionalLocations, properties, messageArguments));
    }
}

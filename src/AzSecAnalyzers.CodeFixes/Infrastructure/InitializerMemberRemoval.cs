using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AzSecAnalyzers.CodeFixes;

/// <summary>Deletes one member of an object initializer; the last member takes the initializer with it (<c>new T { X = … }</c> becomes <c>new T()</c>).</summary>
internal static class InitializerMemberRemoval
{
    public static void Remove(DocumentEditor editor, InitializerExpressionSyntax initializer, AssignmentExpressionSyntax member)
    {
        if (initializer.Expressions.Count == 1 && initializer.Parent is ObjectCreationExpressionSyntax creation)
        {
            var replacement = creation
                .WithInitializer(null)
                .WithArgumentList(creation.ArgumentList ?? SyntaxFactory.ArgumentList())
                .WithType(creation.Type.WithoutTrailingTrivia())
                .WithTriviaFrom(creation)
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.ReplaceNode(creation, replacement);
            return;
        }

        if (initializer.Expressions.Count == 1 && initializer.Parent is ImplicitObjectCreationExpressionSyntax implicitCreation)
        {
            editor.ReplaceNode(implicitCreation, implicitCreation.WithInitializer(null).WithTriviaFrom(implicitCreation));
            return;
        }

        editor.RemoveNode(member, SyntaxRemoveOptions.KeepUnbalancedDirectives);
    }
}

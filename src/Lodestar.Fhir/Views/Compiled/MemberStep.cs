using Lodestar.Fhir.FhirPath;

namespace Lodestar.Fhir.Views.Compiled;

/// <summary><c>source.name</c>, or <c>name</c> on the focus when <paramref name="source"/> is null (never a type name).</summary>
internal sealed class MemberStep(Step? source, byte[] nameUtf8) : Step
{
    public override bool Eval(in Item focus, StepContext context, ItemList output)
    {
        if (source is null)
        {
            Navigation.Child(focus, nameUtf8, output);
            return true;
        }
        if (!ItemsOf(source, focus, context, out var parents, out var rented))
        {
            return false;
        }
        foreach (ref readonly var parent in parents.AsSpan())
        {
            Navigation.Child(parent, nameUtf8, output);
        }
        if (rented)
        {
            context.Return(parents);
        }
        return true;
    }

    public override bool First(in Item focus, StepContext context, ItemList output)
    {
        var before = output.Count;
        if (source is null)
        {
            Navigation.Child(focus, nameUtf8, output);
            output.Truncate(before + 1);
            return true;
        }
        if (!ItemsOf(source, focus, context, out var parents, out var rented))
        {
            return false;
        }
        // Children come in parent order, so the first parent with the member gives the first item.
        foreach (ref readonly var parent in parents.AsSpan())
        {
            Navigation.Child(parent, nameUtf8, output);
            if (output.Count > before)
            {
                output.Truncate(before + 1);
                break;
            }
        }
        if (rented)
        {
            context.Return(parents);
        }
        return true;
    }
}

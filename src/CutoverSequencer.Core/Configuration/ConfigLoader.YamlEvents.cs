using System.Globalization;
using System.Text.RegularExpressions;
using CutoverSequencer.Core.Naming;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CutoverSequencer.Core.Configuration;

public static partial class ConfigLoader
{
    /// <summary>
    /// The parser's events with aliases expanded: an anchored node's events are recorded as they pass
    /// and replayed where an alias names it. An alias to no anchor is invalid YAML.
    /// </summary>
    private sealed class YamlEvents(IParser parser)
    {
        private readonly Dictionary<string, List<ParsingEvent>> anchors = new(StringComparer.Ordinal);
        private readonly List<Recording> recording = [];
        private readonly Queue<ParsingEvent> replay = new();

        /// <summary>Where the last event the parser delivered ended (for errors without a position).</summary>
        public Mark LastEnd { get; private set; } = Mark.Empty;

        /// <summary>
        /// Collections open at this point: their start, and whether they are flow style ([ ] or { }).
        /// </summary>
        private readonly Stack<(Mark Start, bool Flow)> open = new();

        /// <summary>The innermost open flow collection, if any.</summary>
        public Mark? OpenFlow => open.Where(o => o.Flow).Select(o => (Mark?)o.Start).FirstOrDefault();

        public ParsingEvent Next()
        {
            ParsingEvent next;
            var replayed = replay.Count > 0;
            if (replayed)
            {
                next = replay.Dequeue();
            }
            else
            {
                if (!parser.MoveNext())
                {
                    throw new InvalidOperationException("the YAML stream ended unexpectedly");
                }
                next = parser.Current!;
                LastEnd = next.End;
                switch (next)
                {
                    case SequenceStart sequence:
                        open.Push((next.Start, sequence.Style == SequenceStyle.Flow));
                        break;
                    case MappingStart mapping:
                        open.Push((next.Start, mapping.Style == MappingStyle.Flow));
                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
                if (next is AnchorAlias alias)
                {
                    if (!anchors.TryGetValue(alias.Value.Value, out var recorded))
                    {
                        throw new YamlException(alias.Start, alias.End,
                            $"alias *{alias.Value.Value} names no anchor defined before it");
                    }
                    foreach (var e in recorded)
                    {
                        replay.Enqueue(e);
                    }
                    next = replay.Dequeue();
                    replayed = true;
                }
            }
            for (var i = recording.Count - 1; i >= 0; i--)
            {
                var open = recording[i];
                open.Events.Add(next);
                open.Depth += next.NestingIncrease;
                if (open.Depth == 0)
                {
                    anchors[open.Anchor] = open.Events;
                    recording.RemoveAt(i);
                }
            }
            if (!replayed && next is NodeEvent { Anchor.IsEmpty: false } anchored)
            {
                if (next.NestingIncrease > 0)
                {
                    recording.Add(new Recording(anchored.Anchor.Value, [next]) { Depth = next.NestingIncrease });
                }
                else
                {
                    anchors[anchored.Anchor.Value] = [next];
                }
            }
            return next;
        }

        /// <summary>
        /// An anchored collection whose events are still arriving: open until its depth is back to zero.
        /// </summary>
        private sealed class Recording(string anchor, List<ParsingEvent> events)
        {
            public string Anchor { get; } = anchor;

            public List<ParsingEvent> Events { get; } = events;

            public int Depth { get; set; }
        }
    }
}

import { expect } from 'chai';
import { shareOf, sharesOf } from '../../bench/instructionShares';

/**
 * The instruction count says where a turn's instructions went (issue 18: "where the remaining time goes,
 * measured"); a function put in the wrong share would send the next change to the wrong place.
 */
describe('bench: instructions by who spent them', () => {
  it("puts V8's collector, its compilers and node-sqlite3 apart from the turn's own code", () => {
    const sqlite = '???:sqlite3RunParser [/work/main/node_modules/sqlite3/build/Release/node_sqlite3.node]';
    expect(shareOf(sqlite)).to.equal('sqlite');
    expect(
      shareOf(
        '???:heap::base::SlotCallbackResult v8::internal::Scavenger::ScavengeObject<v8::internal::FullHeapObjectSlot>(v8::internal::FullHeapObjectSlot, v8::internal::HeapObject) [/usr/bin/node]',
      ),
    ).to.equal('collector');
    expect(
      shareOf('???:v8::internal::MarkCompactCollector::ProcessMarkingWorklist(unsigned long) [/usr/bin/node]'),
    ).to.equal('collector');
    expect(shareOf('???:v8::internal::compiler::GraphReducer::ReduceTop() [/usr/bin/node]')).to.equal('compiler');
    expect(shareOf('???:v8::internal::Scanner::Next() [/usr/bin/node]')).to.equal('compiler');
    // JIT-compiled JavaScript has no name; V8's runtime and builtins run the turn's code.
    expect(shareOf('???:0x000000000d083040 [???]')).to.equal('rest');
    expect(shareOf('???:Builtins_LoadIC [/usr/bin/node]')).to.equal('rest');
    expect(
      shareOf(
        '???:v8::internal::JsonStringifier::SerializeString(v8::internal::Handle<v8::internal::String>) [/usr/bin/node]',
      ),
    ).to.equal('rest');
  });

  it("adds up callgrind_annotate's function list by share, its totals line left out", () => {
    const annotated = [
      '--------------------------------------------------------------------------------',
      '10,945,754,096 (100.0%)  PROGRAM TOTALS',
      '--------------------------------------------------------------------------------',
      'Ir                    file:function',
      '325,879,094 ( 2.98%)  ???:v8::internal::compiler::GraphReducer::Reduce(v8::internal::compiler::Node*) [/usr/bin/node]',
      ' 1,000 ( 0.00%)  ???:sqlite3VdbeExec [/x/node_modules/sqlite3/build/Release/node_sqlite3.node]',
      ' 2,500 ( 0.00%)  ???:0x0000000004a1b2c0 [???]',
      ' 500 ( 0.00%)  ???:v8::internal::Sweeper::RawSweep(v8::internal::Page*) [/usr/bin/node]',
    ].join('\n');
    expect(sharesOf(annotated)).to.deep.equal({ collector: 500, compiler: 325_879_094, sqlite: 1000, rest: 2500 });
  });
});

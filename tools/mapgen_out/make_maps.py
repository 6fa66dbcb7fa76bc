import sys, time
sys.path.insert(0, '.')
import engine.mapgen as mapgen
which = sys.argv[1:] or ['normandy', 'stalingrad']
for name in which:
    if name == 'normandy':
        args = ['--bbox', '-5.2', '47.1', '2.6', '50.0', '--hex-km', '6', '--out', 'tools/mapgen_out/normandy_map.yaml']
    elif name == 'stalingrad':
        args = ['--bbox', '41.0', '47.2', '45.2', '49.8', '--hex-km', '9', '--min-population', '5000', '--lakes-as-rivers', '--out', 'tools/mapgen_out/stalingrad_map.yaml']
    else:
        args = name.split()
    t = time.perf_counter()
    rc = mapgen.run_mapgen(args)
    print(name, rc, f'{time.perf_counter()-t:.2f}s')

